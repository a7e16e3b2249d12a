/** The transfer module's public API for other modules. */
export { scanOverdueTransfers } from './transfer.notify.ts';
export { transferFiguresForStatistics } from './transfer.figures.ts';
