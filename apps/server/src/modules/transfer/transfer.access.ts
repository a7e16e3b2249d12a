import { can } from '../../platform/access/access.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { allowedActions, currentStep } from './transfer.rules.ts';
import * as repo from './transfer.repository.ts';

/** Who sees a transfer and what they may do. Everyone else gets 404 (the transfer's existence is not disclosed). */

export interface Loaded {
  t: repo.TransferRow;
  /** Every round's steps, in order. */
  steps: repo.StepRow[];
  letter: repo.LetterRow | null;
}

export const roundSteps = (l: Loaded) => l.steps.filter((s) => s.round === l.t.round);

/**
 * The member themself; staff over the sending side; staff over a step's org once that step has been
 * reached (the receiving side sees it when its turn comes, and afterwards).
 */
export function canSee(actor: Actor | null, l: Loaded): boolean {
  if (!actor) return false;
  if (actor.memberId === l.t.memberId) return true;
  if (can(actor, 'transfer.read', l.t.fromOrgPath)) return true;
  return l.steps.some((s) => s.status !== 'waiting' && s.status !== 'cancelled' && can(actor, 'transfer.read', s.orgPath));
}

/** The member or staff who may start a transfer for the member's branch. */
export const isInitiator = (actor: Actor | null, l: Loaded) => !!actor && (actor.memberId === l.t.memberId || can(actor, 'transfer.initiate', l.t.fromOrgPath));

export function actionsFor(actor: Actor | null, l: Loaded) {
  const step = currentStep(roundSteps(l));
  const sending = roundSteps(l)[0];
  return allowedActions(l.t.status, {
    onStep: !!step && can(actor, 'transfer.approve', step.orgPath),
    initiator: isInitiator(actor, l),
    sender: !!sending && can(actor, 'transfer.approve', sending.orgPath),
  });
}

export async function loadTransfer(ctx: Ctx, id: string, forUpdate = false): Promise<Loaded> {
  const t = await repo.findTransfer(ctx.db, id, forUpdate);
  if (!t) throw notFound();
  const steps = await repo.findSteps(ctx.db, [id]);
  const letter = (await repo.findLetters(ctx.db, [id]))[0] ?? null;
  const l = { t, steps, letter };
  if (!canSee(ctx.actor, l)) throw notFound();
  return l;
}
