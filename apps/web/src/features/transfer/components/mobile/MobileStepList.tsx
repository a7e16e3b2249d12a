import type { StepStatus } from '@xianfeng/contracts/transfer/transfer.enums';
import { stepRoleLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import { formatInstant } from '@/lib/dates';
import type { TransferStep } from '../../api';
import { deadlineOf, stepStatusLabels } from '../../format';
import { m } from './styles';

const dotColour: Record<StepStatus, string> = { waiting: '#bfbfbf', pending: '#1677ff', approved: '#389e0d', returned: '#d46b08', rejected: '#cf1322', cancelled: '#bfbfbf' };

/** The steps one under another in large type: who, what they decided and when, and by when the current one is due. */
export function MobileStepList({ steps }: { steps: TransferStep[] }) {
  return (
    <ol style={{ ...m.card, listStyle: 'none', padding: 0 }} data-testid="my-transfer-steps">
      {steps.map((s, i) => {
        const due = s.status === 'pending' ? deadlineOf(s.dueAt, s.overdue) : null;
        return (
          <li key={s.seq} style={{ ...m.stepRow, ...(i === 0 ? { borderTop: 'none' } : {}) }}>
            <span style={{ ...m.stepDot, background: dotColour[s.status] }} aria-hidden>
              {i + 1}
            </span>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontSize: 19, fontWeight: 700, lineHeight: 1.4 }}>{s.orgName}</div>
              <div style={m.line}>
                {stepRoleLabels[s.role]} · <span style={{ color: dotColour[s.status] === '#bfbfbf' ? '#555' : dotColour[s.status], fontWeight: 700 }}>{stepStatusLabels[s.status]}</span>
              </div>
              {s.at && <div style={m.small}>{formatInstant(s.at)}</div>}
              {s.comment && <div style={m.line}>意见：{s.comment}</div>}
              {due && <div style={{ ...m.small, color: due.kind === 'overdue' ? '#a8071a' : '#555' }}>办理时限：{due.text}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
