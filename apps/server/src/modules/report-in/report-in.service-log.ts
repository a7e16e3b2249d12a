import type { z } from 'zod';
import type { ReportInView, ServiceView, serviceBody, serviceListQuery } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { actorName, loadReportIn } from './report-in.access.ts';
import { listScope } from './report-in.lists.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import { notifyServiceDecided } from './report-in.notify.ts';
import { serviceDateOk } from './report-in.rules.ts';
import { toService, viewReportIn } from './report-in.views.ts';

/**
 * 服务记录: the member writes down what they did (date, minutes, content — no photos, no location check-ins); it
 * counts once the community, which saw the work, approves it (pain point 9: no 拍照式 proof, evidence is the
 * community's word). Rejection says why.
 */

/** POST /api/report-in/:id/services */
export async function logService(ctx: Ctx, input: { reportInId: string } & z.infer<typeof serviceBody>): Promise<ReportInView> {
  await inTransaction(ctx, async (tx) => {
    const l = await loadReportIn(tx, input.reportInId, true);
    if (!l.sides.self && !l.sides.unit) throw forbidden();
    if (l.r.status !== 'confirmed') throw new AppError('REPORT_IN_NOT_CONFIRMED');
    if (!serviceDateOk(input.servedOn, l.r.confirmedOn, tx.clock.today())) throw fieldError('REPORT_IN_SERVICE_DATE_INVALID', 'servedOn');
    if (input.postId && !(await menuRepo.findActiveClaim(tx.db, l.r.id, input.postId))) throw fieldError('REPORT_IN_POST_NOT_CLAIMED', 'postId');
    const id = await menuRepo.insertService(tx.db, { reportInId: l.r.id, postId: input.postId ?? null, servedOn: input.servedOn, minutes: input.minutes, content: input.content, at: tx.clock.now() });
    await writeAudit(tx, { action: 'report_in.service.log', targetType: 'report_service', targetId: id, targetOrgPath: l.r.communityPath, details: { reportInId: l.r.id, minutes: input.minutes, byUnit: !l.sides.self } });
  });
  return viewReportIn(ctx, input.reportInId);
}

/** POST /api/report-in/services/:id/decide — community staff (member.write over the community). */
export async function decideService(ctx: Ctx, input: { id: string; approve: boolean; note?: string | undefined }): Promise<ServiceView> {
  requireActor(ctx);
  const found = await menuRepo.findService(ctx.db, input.id);
  if (!found) throw notFound();
  const note = input.note?.trim() || null;
  if (!input.approve && !note) throw fieldError('REPORT_IN_REASON_REQUIRED', 'note', '不认定须填写意见');
  await inTransaction(ctx, async (tx) => {
    const l = await loadReportIn(tx, found.reportInId, true);
    if (!l.sides.communityWrite) throw forbidden();
    const s = (await menuRepo.findService(tx.db, input.id, true))!;
    if (s.status !== 'pending') throw new AppError('REPORT_IN_NOT_ACTIONABLE');
    await menuRepo.decideService(tx.db, s.id, { status: input.approve ? 'approved' : 'rejected', name: actorName(tx), note, at: tx.clock.now() });
    await writeAudit(tx, {
      action: input.approve ? 'report_in.service.approve' : 'report_in.service.reject',
      targetType: 'report_service',
      targetId: s.id,
      targetOrgPath: l.r.communityPath,
      actingForOrgId: coveringGrant(tx.actor, 'member.write', l.r.communityPath)?.orgId ?? null,
      details: { reportInId: l.r.id, minutes: s.minutes, note },
    });
    await notifyServiceDecided(tx, { id: s.id, memberId: l.r.memberId, communityName: l.r.communityName, servedOn: s.servedOn, minutes: s.minutes, approved: input.approve, note });
  });
  return toService((await menuRepo.findService(ctx.db, input.id))!);
}

/** GET /api/report-in/services — the community's review list (oldest first) or a unit's logs. */
export async function listServices(ctx: Ctx, q: z.infer<typeof serviceListQuery>) {
  const scope = await listScope(ctx, q);
  const f: menuRepo.ServiceFilter = { scope, communityOrgId: q.communityOrgId, unitId: q.unitId, status: q.status };
  const [items, total] = [await menuRepo.findServices(ctx.db, f, q.pageSize, (q.page - 1) * q.pageSize), await menuRepo.countServices(ctx.db, f)];
  return { items: items.map(toService), total, page: q.page, pageSize: q.pageSize };
}
