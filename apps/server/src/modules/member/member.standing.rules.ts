import { decidedLeaveKinds, leaveKindLabels, type LeaveKind } from '@xianfeng/contracts/member/member.enums';

/**
 * Pure rules of a member's standing (党籍): leaving (出党), suspension (停止党籍) and restoration (恢复党籍).
 * No I/O: the service feeds them the member row and the last standing event.
 */

export const ARTICLE_24 = '党员教育管理工作条例 第二十四条';

/** A standing event as stored in member_event (kinds 'left', 'suspended', 'restored', 'transferred_out'). */
export interface StandingEvent {
  kind: string;
  details: Record<string, unknown>;
}

/** The event kinds that change a member's standing, newest of which fixes the earliest date the next act may have. */
export const standingEventKinds = ['left', 'suspended', 'restored', 'transferred_out'] as const;

/** Removal and expulsion are decisions of the organisation: they carry a 文号, and only they can be overturned on appeal. */
export function needsDecisionRef(kind: LeaveKind): boolean {
  return (decidedLeaveKinds as readonly string[]).includes(kind);
}

/**
 * left_reason as the file shows it. Without a decision it stays the reason as given (what older clients
 * wrote); with one it names the kind and the decision, e.g. 开除党籍（明德区纪委 明纪发〔2026〕3号）：严重违纪.
 */
export function leftReasonText(input: { kind: LeaveKind; reason: string; decisionRef?: string | undefined; decidedBy?: string | undefined }): string {
  const decision = [input.decidedBy, input.decisionRef].filter((s): s is string => !!s).join(' ');
  return decision ? `${leaveKindLabels[input.kind]}（${decision}）：${input.reason}` : input.reason;
}

/** The date an event's act took effect: decidedOn, or leftOn / on for events written before decisions were recorded. */
export function eventDate(e: StandingEvent | undefined): string | null {
  if (!e) return null;
  for (const k of ['decidedOn', 'leftOn', 'on']) {
    const v = e.details[k];
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  }
  return null;
}

/**
 * Why a standing act's date is unacceptable, or null: not in the future, not before joining, and not before
 * the previous standing act (a restoration cannot precede the suspension it lifts).
 */
export function decisionDateProblem(input: { on: string; label: string; today: string; joinedOn: string; previous: string | null }): string | null {
  if (input.on > input.today) return `${input.label}：不能晚于今天`;
  if (input.on < input.joinedOn) return `${input.label}：不能早于入党日期（${input.joinedOn}）`;
  if (input.previous && input.on < input.previous) return `${input.label}：不能早于上一次党籍变动的日期（${input.previous}）`;
  return null;
}

/**
 * Whether a member who left may be restored, from the last leaving event; a refusal message otherwise.
 * Only removal (除名) or expulsion (开除党籍) overturned on appeal (申诉复议) restores the same membership;
 * death never, and a withdrawal or transfer off the platform is not undone here (one rejoins or transfers in).
 */
export function restoreFromLeftProblem(lastLeaving: StandingEvent | undefined): string | null {
  if (!lastLeaving) return '找不到该党员出党的登记，不能恢复党籍';
  if (lastLeaving.kind === 'transferred_out') return '该党员的组织关系已转出，不能恢复党籍；转回须办理组织关系转接';
  const kind = lastLeaving.details.kind;
  if (kind === 'death') return '已去世的党员不能恢复党籍';
  if (kind === 'removal' || kind === 'expulsion') return null;
  return '只有除名、开除党籍经申诉复议撤销的，才能恢复党籍；退党等其他情形须重新履行入党手续';
}
