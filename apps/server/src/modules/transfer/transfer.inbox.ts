import type { TransferInboxView, TransferSummary, TransferView } from '@xianfeng/contracts/transfer/transfer.schemas';
import type { Ctx } from '../../platform/context.ts';
import { coveredPaths, requireActor } from '../../platform/access/access.ts';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import { forbidden } from '../../platform/http/errors.ts';
import { directoryPage } from '../org/org.view.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { addDays } from './transfer.rules.ts';
import { canSee } from './transfer.access.ts';
import * as repo from './transfer.repository.ts';
import { toSummary, viewTransfer } from './transfer.views.ts';

const LISTED = 100;

/** GET /api/transfers/:id */
export async function getTransfer(ctx: Ctx, input: { id: string }): Promise<TransferView> {
  return viewTransfer(ctx, input.id);
}

/**
 * GET /api/transfers/inbox — 待办: transfers whose current step lies in the caller's subtree (an ancestor may act
 * for it), soonest due first; 未办结: open transfers started in the caller's subtree; counts of overdue and
 * due-soon (`transfer.dueSoonDays`) approvals. A member sees their own open transfers.
 */
export async function transferInbox(ctx: Ctx): Promise<TransferInboxView> {
  const actor = requireActor(ctx);
  const stepPaths = coveredPaths(actor, 'transfer.approve');
  const readPaths = coveredPaths(actor, 'transfer.read');
  const now = ctx.clock.now();
  const dueSoonDays = stepPaths[0] ? await getEffectiveSetting(ctx, stepPaths[0], 'transfer.dueSoonDays') : 2;
  const [todo, unfinished, counts] = [
    await repo.findTodo(ctx.db, stepPaths, LISTED),
    await repo.findUnfinished(ctx.db, readPaths, LISTED),
    await repo.inboxCounts(ctx.db, stepPaths, readPaths, now, addDays(now, dueSoonDays)),
  ];
  const own = actor.memberId ? await repo.findOpenOfMember(ctx.db, actor.memberId) : [];
  const all = [...todo, ...unfinished, ...own];
  const steps = await repo.findSteps(ctx.db, [...new Set(all.map((t) => t.id))]);
  const summary = (t: repo.TransferRow): TransferSummary => toSummary(t, steps, now);
  const seen = new Set(unfinished.map((t) => t.id));
  return {
    counts: { ...counts, unfinished: counts.unfinished + own.filter((t) => !seen.has(t.id)).length },
    todo: todo.map(summary),
    unfinished: [...unfinished, ...own.filter((t) => !seen.has(t.id))].map(summary),
  };
}

/** GET /api/transfers?memberId= — a member's transfers the caller may see, newest first (visibility from the rows read once). */
export async function listMemberTransfers(ctx: Ctx, input: { memberId: string }): Promise<TransferSummary[]> {
  requireActor(ctx);
  const found = await repo.findByMember(ctx.db, input.memberId);
  const steps = await repo.findSteps(ctx.db, found.map((t) => t.id));
  const visible = found.filter((t) => canSee(ctx.actor, { t, steps: steps.filter((s) => s.transferId === t.id), letter: null }));
  return visible.map((t) => toSummary(t, steps, ctx.clock.now()));
}

/**
 * GET /api/transfers/targets?q= — receiving branches to choose from: for a member applying for themself on the
 * phone (members do not read the staff org directory) and for staff who start transfers. Branch-type, active only.
 */
export async function searchTransferTargets(ctx: Ctx, input: { q: string }) {
  const actor = requireActor(ctx);
  if (!actor.memberId && coveredPaths(actor, 'transfer.initiate').length === 0) throw forbidden();
  const page = await directoryPage(ctx, { q: input.q, page: 1, pageSize: 50 });
  return page.items.filter((o) => !o.dissolved && memberHoldingKinds.includes(o.kind)).slice(0, 30);
}
