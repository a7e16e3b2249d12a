import type { Ctx } from '../../platform/context.ts';
import { wholeYears } from '../../platform/dates.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as board from './development.board.repository.ts';
import { forEachDeadlinePage } from './development.deadlines.ts';

export interface DevelopmentFigures {
  /** Open cases by stage: 入党申请人 (1), 入党积极分子 (2), 发展对象 (3), in acceptance (4: from the committee review until approved). */
  applicants: number;
  activists: number;
  candidates: number;
  inAcceptance: number;
  /** Probationary members whose case is still open (approved by the committee, not yet full members). */
  probationaryInProcess: number;
  /** Approvals (step 17) dated in the year of `asOf`. */
  approvedThisYear: number;
  /** Of those, aged `youthAge` (35) or under on the approval date, and their share in per cent (one decimal). */
  approvedYouth: number;
  youthAge: number;
  youthPercent: number | null;
  /** Running limits past their date, and steps ever recorded with an override. */
  overdueSteps: number;
  overrides: number;
}

/**
 * For the statistics module: the 发展党员 pipeline of a subtree. No permission check — the statistics module
 * scopes its callers. `asOf` (default today) fixes the year of the approvals; limits are counted as of today.
 */
export async function developmentFiguresForStatistics(ctx: Ctx, input: { path: string; asOf?: string }): Promise<DevelopmentFigures> {
  const asOf = input.asOf ?? ctx.clock.today();
  const year = asOf.slice(0, 4);
  const p = await board.countPipeline(ctx.db, input.path);
  const ages = await board.findApprovedAges(ctx.db, input.path, `${year}-01-01`, asOf < `${year}-12-31` ? asOf : `${year}-12-31`);
  const youthAge = await getEffectiveSetting(ctx, input.path, 'development.youthAge');
  const youth = ages.filter((a) => wholeYears(a.birthDate, a.approvedOn) <= youthAge).length;
  let overdue = 0;
  await forEachDeadlinePage(ctx, [input.path], async (items) => {
    overdue += items.filter((d) => d.kind === 'overdue').length;
  });
  return {
    applicants: p.applicants,
    activists: p.activists,
    candidates: p.candidates,
    inAcceptance: p.inAcceptance,
    probationaryInProcess: p.probationary,
    approvedThisYear: ages.length,
    approvedYouth: youth,
    youthAge,
    youthPercent: ages.length ? Math.round((youth / ages.length) * 1000) / 10 : null,
    overdueSteps: overdue,
    overrides: await board.countOverrides(ctx.db, [input.path]),
  };
}
