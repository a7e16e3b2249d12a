import type { z } from 'zod';
import type { ReportInView, evaluationBody } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import { actorName, loadReportIn } from './report-in.access.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import { evaluationYearOk, ratersFor } from './report-in.rules.ts';
import { viewReportIn } from './report-in.views.ts';

/**
 * 五评议 (the seeds' yearly appraisal of reported members): self by the member, leader by the work unit, residents,
 * community and organisation by the community. One grade per rater per year, never overwritten; the unit sees
 * every grade of its members (it uses them in its own appraisal of the member).
 */

/** POST /api/report-in/:id/evaluations */
export async function recordEvaluation(ctx: Ctx, input: { reportInId: string } & z.infer<typeof evaluationBody>): Promise<ReportInView> {
  try {
    await inTransaction(ctx, async (tx) => {
      const l = await loadReportIn(tx, input.reportInId, true);
      if (l.r.status !== 'confirmed' && l.r.status !== 'ended') throw new AppError('REPORT_IN_NOT_CONFIRMED');
      if (!ratersFor(l.r.status, l.sides).includes(input.rater)) throw fieldError('REPORT_IN_RATER_NOT_ALLOWED', 'rater');
      if (!evaluationYearOk(input.year, l.r.registeredOn, tx.clock.today())) throw fieldError('REPORT_IN_EVALUATION_YEAR_INVALID', 'year');
      if (await menuRepo.findEvaluation(tx.db, { reportInId: l.r.id, year: input.year, rater: input.rater })) throw fieldError('REPORT_IN_EVALUATION_EXISTS', 'rater');
      await menuRepo.insertEvaluation(tx.db, { reportInId: l.r.id, year: input.year, rater: input.rater, grade: input.grade, comment: input.comment || null, name: actorName(tx), at: tx.clock.now() });
      await writeAudit(tx, {
        action: 'report_in.evaluate',
        targetType: 'report_in',
        targetId: l.r.id,
        targetOrgPath: l.r.communityPath,
        actingForOrgId: l.sides.communityWrite ? (coveringGrant(tx.actor, 'member.write', l.r.communityPath)?.orgId ?? null) : null,
        details: { year: input.year, rater: input.rater, grade: input.grade },
      });
    });
  } catch (err) {
    // The row lock serialises writers on one registration; the unique index is the last word all the same.
    if (isUniqueViolation(err)) throw fieldError('REPORT_IN_EVALUATION_EXISTS', 'rater');
    throw err;
  }
  return viewReportIn(ctx, input.reportInId);
}
