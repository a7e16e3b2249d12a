/** The transfer module's public API for other modules. */
export { scanOverdueTransfers } from './transfer.notify.ts';
export { transferFiguresForStatistics } from './transfer.figures.ts';
export { cancelTransfer, createTransfer, decideStep, resubmitTransfer } from './transfer.workflow.ts';
export { registerReceipt } from './transfer.letter.ts';
