/** The report-in module's public API for other modules (the statistics module reads its figures here). */
export { reportInFiguresForStatistics } from './report-in.stats.ts';
