import { leaveKindLabels, suspensionBasisLabels } from '@xianfeng/contracts/member/member.enums';
import type { MemberEvent } from './api';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const label = (labels: Record<string, string>, v: unknown) => (typeof v === 'string' ? (labels[v] ?? v) : null);

/** Event kinds that change a member's standing (党籍), as the history names them. */
export const standingKindLabels: Record<string, string> = {
  left: '出党登记',
  suspended: '停止党籍',
  restored: '恢复党籍',
  transferred_out: '组织关系转出',
};

/** One line of a decision: date, deciding body, 文号 (events written before decisions were recorded have only leftOn). */
export function decisionText(d: Record<string, unknown>): string {
  const ref = str(d.decisionRef);
  return [str(d.decidedOn) ?? str(d.leftOn) ?? str(d.on), str(d.decidedBy), ref && `文号 ${ref}`].filter(Boolean).join('，');
}

/** The lines the history shows for a standing event; null for other kinds. */
export function describeStanding(e: MemberEvent): string[] | null {
  const d = e.details;
  const reason = str(d.reason);
  switch (e.kind) {
    case 'left':
      return [`类型：${label(leaveKindLabels, d.kind) ?? '—'}`, `决定：${decisionText(d) || '—'}`, ...(reason ? [`原因：${reason}`] : [])];
    case 'suspended':
      return [`依据：${label(suspensionBasisLabels, d.basis) ?? '—'}`, `决定：${decisionText(d) || '—'}`, ...(reason ? [`事由：${reason}`] : [])];
    case 'restored': {
      const from = d.fromState === 'left' ? `撤销${label(leaveKindLabels, d.overturnedKind) ?? '出党'}（申诉复议）` : '停止党籍后恢复';
      return [`情形：${from}`, `决定：${decisionText(d) || '—'}`, ...(reason ? [`事由：${reason}`] : [])];
    }
    case 'transferred_out':
      return [`转至：${str(d.to) ?? '—'}`, ...(str(d.letterNo) ? [`介绍信：${str(d.letterNo)}`] : []), ...(str(d.on) ? [`日期：${str(d.on)}`] : [])];
    default:
      return null;
  }
}
