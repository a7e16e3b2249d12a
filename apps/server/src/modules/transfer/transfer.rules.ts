import type { OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { StepRole, StepStatus, TransferAction, TransferStatus } from '@xianfeng/contracts/transfer/transfer.enums';

/** 组织关系转接 rules, pure. Sources: 党员教育管理工作条例 (2019) 第二十五条; 组通字〔2006〕45号; regulations.md §6. */

export interface ChainOrg {
  id: string;
  kind: OrgKind;
  canApproveMembers: boolean;
}

/**
 * The 基层党委 that handles a transfer for an org: the nearest of the org and its ancestors (nearest first)
 * with the power to approve 预备党员 — 第二十五条: such committees transfer and receive relations directly.
 */
export function handlingCommittee<T extends ChainOrg>(selfAndAncestors: readonly T[]): T | null {
  return selfAndAncestors.find((o) => o.canApproveMembers) ?? null;
}

/**
 * The approval chain: the sending committee, then (across committees) the receiving committee, then the
 * receiving branch taking the member in. Within one committee a single `committee` step; with
 * `commonAncestorStep`, the lowest common ancestor of the two committees in between when it is neither.
 * Off the platform only the sending committee approves; then the 介绍信 goes on paper.
 * `null` when no committee handles one of the sides.
 */
export function transferChain<T extends ChainOrg>(input: {
  /** The member's org and its ancestors, nearest first. */
  fromLine: readonly T[];
  /** The target org and its ancestors, nearest first (null: outside the platform). */
  toLine: readonly T[] | null;
  commonAncestorStep: boolean;
}): { org: T; role: StepRole }[] | null {
  const sending = handlingCommittee(input.fromLine);
  if (!sending) return null;
  if (!input.toLine) return [{ org: sending, role: 'sending_committee' }];
  const target = input.toLine[0]!;
  const receiving = handlingCommittee(input.toLine);
  if (!receiving) return null;
  const steps: { org: T; role: StepRole }[] = [];
  if (sending.id === receiving.id) steps.push({ org: sending, role: 'committee' });
  else {
    steps.push({ org: sending, role: 'sending_committee' });
    if (input.commonAncestorStep) {
      const toIds = new Set(input.toLine.map((o) => o.id));
      const common = input.fromLine.find((o) => toIds.has(o.id));
      if (common && common.id !== sending.id && common.id !== receiving.id) steps.push({ org: common, role: 'intermediate' });
    }
    steps.push({ org: receiving, role: 'receiving_committee' });
  }
  if (target.id !== receiving.id) steps.push({ org: target, role: 'receiving_branch' });
  return steps;
}

export interface StepState {
  seq: number;
  status: StepStatus;
}

/** The step being decided now: the pending one of the current round. */
export const currentStep = <T extends StepState>(steps: readonly T[]): T | null => steps.find((s) => s.status === 'pending') ?? null;

/** Whether a status still holds the member's transfer open (one open transfer per member). */
export const isOpen = (s: TransferStatus) => s === 'pending' || s === 'returned' || s === 'awaiting_receipt';

/**
 * What an actor may do now. `onStep`: the actor covers the current step's org; `initiator`: the member
 * themself or staff of the sending side; `sender`: staff over the sending committee (registers the 回执).
 */
export function allowedActions(status: TransferStatus, who: { onStep: boolean; initiator: boolean; sender: boolean }): TransferAction[] {
  const out: TransferAction[] = [];
  if (status === 'pending' && who.onStep) out.push('approve', 'return', 'reject');
  if (status === 'returned' && who.initiator) out.push('resubmit');
  if (isOpen(status) && who.initiator) out.push('cancel');
  if (status === 'awaiting_receipt' && who.sender) out.push('receipt');
  return out;
}

const DAY = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY);

/** Step deadlines: `transfer.stepDays` from when the step became current. */
export function stepTiming(dueAt: Date | null, now: Date, dueSoonDays: number): { overdue: boolean; dueSoon: boolean } {
  if (!dueAt) return { overdue: false, dueSoon: false };
  const left = dueAt.getTime() - now.getTime();
  return { overdue: left < 0, dueSoon: left >= 0 && left <= dueSoonDays * DAY };
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (3 months from 11-30 is 02-28). */
export function addMonthsToDate(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
