import type { StatsModules } from '@xianfeng/contracts/stats/stats.schemas';
import type { Ctx } from '../../platform/context.ts';
import * as dues from '../dues/dues.service.ts';
import { developmentFiguresForStatistics } from '../development/development.service.ts';
import { complianceCountsForStatistics } from '../life/life.service.ts';
import { transferFiguresForStatistics } from '../transfer/transfer.service.ts';
import { mobileFiguresForStatistics } from '../mobile/mobile.service.ts';
import { reportInFiguresForStatistics } from '../report-in/report-in.service.ts';
import type { StatsOrg } from './stats.figures.ts';

/**
 * Figures other modules expose for statistics (their `…ForStatistics` service functions; they check no permission —
 * the caller holds `stats.read` over the org). Periods: the asOf year to date, the asOf quarter for organisational
 * life; the mobile registries only for today (they keep no history); 发展党员 as the development module counts them
 * (open cases now, approvals in the asOf year).
 */

/** The months 'YYYY-01' … the asOf month. */
export function monthsToDate(asOf: string): string[] {
  const y = asOf.slice(0, 4);
  const last = Number(asOf.slice(5, 7));
  return Array.from({ length: last }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

export const quarterOf = (asOf: string) => `${asOf.slice(0, 4)}-Q${Math.ceil(Number(asOf.slice(5, 7)) / 3)}`;

export async function moduleFiguresOf(ctx: Ctx, input: { org: StatsOrg; asOf: string }): Promise<StatsModules> {
  const { org, asOf } = input;
  const from = `${asOf.slice(0, 4)}-01-01`;
  const path = org.path;
  const out: StatsModules = {};
  out.dues = { months: await dues.duesCollectionForStatistics(ctx, { path, months: monthsToDate(asOf) }) };
  out.compliance = await complianceCountsForStatistics(ctx, { orgPath: path, period: quarterOf(asOf) });
  out.transfers = { from, to: asOf, ...(await transferFiguresForStatistics(ctx, { path, from, to: asOf })) };
  if (asOf >= ctx.clock.today()) out.mobile = await mobileFiguresForStatistics(ctx, { path });
  out.reportIn = { from, to: asOf, ...(await reportInFiguresForStatistics(ctx, { path, from, to: asOf })) };
  out.development = await developmentFiguresForStatistics(ctx, { path, asOf });
  return out;
}
