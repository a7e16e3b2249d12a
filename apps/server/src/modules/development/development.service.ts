/** The development module's public API for other modules (发展党员). */
export { createCase, listCases, stopCase } from './development.cases.ts';
export { recordStep } from './development.record.ts';
export { getCase } from './development.view.ts';
export { developmentFiguresForStatistics } from './development.figures.ts';
