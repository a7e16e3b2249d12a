/**
 * The statistics module's public API (docs/stats.md). The HTTP services scope their caller (`stats.read`); the
 * `…Of` functions take an org already scoped by their caller (党内统计 tables, benchmarks) and check nothing.
 */
export {
  childStatisticsOf,
  getMemberStatistics,
  loadStatsOrg,
  memberFiguresWithPyramidOf,
  memberStatisticsOf,
  orgStatisticsOf,
  resolveAsOf,
  statsOrgById,
  type StatsOrg,
} from './stats.figures.ts';
export { getStatsOverview, overviewOf } from './stats.overview.ts';
export { findRollupDifferences, formatDifference, verifyStatsRollups, type RollupDifference, type VerifyResult } from './stats.verify.ts';
export { createStatsChangeFeed, STATS_CHANNEL, type StatsChangeFeed } from './stats.realtime.ts';
export { pastMemberRows, pastOrgRows, pastRegion } from './stats.history.ts';
export { agePyramidFromRows, memberFiguresFromRows, orgFiguresFromRows, type AgePyramidRow, type KeyCount } from './stats.rules.ts';
export { getStatsTrend, takeMonthSnapshots, trendOf } from './stats.trend.ts';
