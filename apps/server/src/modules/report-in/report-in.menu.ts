import type { z } from 'zod';
import type { PostView, ReportInView, createPostBody, updatePostBody } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { loadReportIn, unitIdsOf } from './report-in.access.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import * as repo from './report-in.repository.ts';
import { claimRefusal, isCommunityOrg } from './report-in.rules.ts';
import { toPost, viewReportIn } from './report-in.views.ts';

/**
 * The community's menu (认岗、结对、入队) drawn from residents' needs, and the members' own claims. Only the member
 * (or their unit, for a member without an account) claims: the community offers, it never assigns (pain point 9:
 * no 拉郎配 pairing by decree).
 */

/** A community the caller maintains (member.write over it), or 404. */
async function ownCommunity(ctx: Ctx, communityOrgId: string): Promise<repo.CommunityRow> {
  requirePermission(ctx, 'member.write');
  const c = await repo.findCommunityCandidate(ctx.db, communityOrgId);
  if (!c || !can(ctx.actor, 'member.write', c.path)) throw fieldError('NOT_FOUND', 'communityOrgId', '社区不存在或不在您的管理范围内');
  if (!isCommunityOrg(c)) throw fieldError('REPORT_IN_COMMUNITY_INVALID', 'communityOrgId');
  return c;
}

const postAudit = (ctx: Ctx, path: string) => ({ targetType: 'report_post', targetOrgPath: path, actingForOrgId: coveringGrant(ctx.actor, 'member.write', path)?.orgId ?? null });

/** POST /api/report-in/posts */
export async function createPost(ctx: Ctx, input: z.infer<typeof createPostBody>): Promise<PostView> {
  const id = await inTransaction(ctx, async (tx) => {
    const c = await ownCommunity(tx, input.communityOrgId);
    const postId = await menuRepo.insertPost(tx.db, { communityOrgId: c.id, kind: input.kind, title: input.title, description: input.description || null, capacity: input.capacity ?? null, at: tx.clock.now() });
    await writeAudit(tx, { action: 'report_in.post.create', targetId: postId, ...postAudit(tx, c.path), details: { kind: input.kind, title: input.title, capacity: input.capacity ?? null } });
    return postId;
  });
  return toPost((await menuRepo.findPost(ctx.db, id))!);
}

/** PATCH /api/report-in/posts/:id — edit, change the number of places (never below the current claims), close or reopen. */
export async function updatePost(ctx: Ctx, input: { id: string; patch: z.infer<typeof updatePostBody> }): Promise<PostView> {
  requirePermission(ctx, 'member.write');
  await inTransaction(ctx, async (tx) => {
    const p = await menuRepo.findPost(tx.db, input.id, true);
    if (!p || !can(tx.actor, 'member.write', p.communityPath)) throw notFound();
    const capacity = input.patch.capacity === undefined ? p.capacity : input.patch.capacity;
    const claimed = await menuRepo.countActiveClaims(tx.db, p.id);
    if (capacity !== null && capacity < claimed) throw fieldError('REPORT_IN_POST_CAPACITY_TOO_LOW', 'capacity', `名额不能少于已认领的 ${claimed} 人`);
    const closedOn = input.patch.closed === undefined ? p.closedOn : input.patch.closed ? (p.closedOn ?? tx.clock.today()) : null;
    const description = input.patch.description === undefined ? p.description : input.patch.description || null;
    await menuRepo.updatePost(tx.db, p.id, { title: input.patch.title ?? p.title, description, capacity, closedOn });
    await writeAudit(tx, { action: 'report_in.post.update', targetId: p.id, ...postAudit(tx, p.communityPath), details: { fields: Object.keys(input.patch) } });
  });
  return toPost((await menuRepo.findPost(ctx.db, input.id))!);
}

/** GET /api/report-in/posts?communityOrgId= — for the community's staff, and units and members reporting there. */
export async function listPosts(ctx: Ctx, input: { communityOrgId: string; includeClosed?: 'true' | 'false' | undefined }): Promise<PostView[]> {
  const actor = requireActor(ctx);
  const c = await repo.findCommunityCandidate(ctx.db, input.communityOrgId);
  if (!c) throw notFound();
  const staff = can(actor, 'member.read', c.path);
  if (!staff && !(await repo.hasConfirmedWith(ctx.db, { communityOrgId: c.id, unitIds: await unitIdsOf(ctx), memberId: actor.memberId }))) throw notFound();
  return (await menuRepo.findPosts(ctx.db, c.id, staff && input.includeClosed === 'true')).map(toPost);
}

/** POST /api/report-in/:id/claims — the member claims a post of their community's menu (capacity holds under concurrency). */
export async function claimPost(ctx: Ctx, input: { reportInId: string; postId: string }): Promise<ReportInView> {
  await inTransaction(ctx, async (tx) => {
    const l = await loadReportIn(tx, input.reportInId, true);
    if (!l.sides.self && !l.sides.unit) throw forbidden();
    if (l.r.status !== 'confirmed') throw new AppError('REPORT_IN_NOT_CONFIRMED');
    const p = await menuRepo.findPost(tx.db, input.postId, true);
    if (!p || p.communityOrgId !== l.r.communityOrgId) throw fieldError('NOT_FOUND', 'postId', '服务项目不存在或不属于报到社区');
    const refusal = claimRefusal({ closedOn: p.closedOn, capacity: p.capacity, claimed: await menuRepo.countActiveClaims(tx.db, p.id), alreadyMine: !!(await menuRepo.findActiveClaim(tx.db, l.r.id, p.id)) });
    if (refusal) throw fieldError(refusal === 'closed' ? 'REPORT_IN_POST_CLOSED' : refusal === 'full' ? 'REPORT_IN_POST_FULL' : 'REPORT_IN_ALREADY_CLAIMED', 'postId');
    const claimId = await menuRepo.insertClaim(tx.db, { reportInId: l.r.id, postId: p.id, at: tx.clock.now() });
    await writeAudit(tx, { action: 'report_in.claim', targetType: 'report_in', targetId: l.r.id, targetOrgPath: l.r.communityPath, details: { postId: p.id, claimId, byUnit: !l.sides.self } });
  });
  return viewReportIn(ctx, input.reportInId);
}

/** POST /api/report-in/claims/:id/release — the member or unit gives a post up; the community may too (e.g. a need met). */
export async function releaseClaim(ctx: Ctx, input: { claimId: string }): Promise<ReportInView> {
  requireActor(ctx);
  const claim = await menuRepo.findClaim(ctx.db, input.claimId);
  if (!claim) throw notFound();
  await inTransaction(ctx, async (tx) => {
    const l = await loadReportIn(tx, claim.reportInId, true);
    if (!l.sides.self && !l.sides.unit && !l.sides.communityWrite) throw forbidden();
    if ((await menuRepo.releaseClaims(tx.db, { reportInId: l.r.id, claimId: claim.id, at: tx.clock.now() })) === 0) throw new AppError('REPORT_IN_NOT_ACTIONABLE');
    await writeAudit(tx, { action: 'report_in.release', targetType: 'report_in', targetId: l.r.id, targetOrgPath: l.r.communityPath, details: { postId: claim.postId, claimId: claim.id } });
  });
  return viewReportIn(ctx, claim.reportInId);
}
