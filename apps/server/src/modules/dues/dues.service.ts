/**
 * The dues module's interface for other modules (组织关系转接 prints 党费交至; statistics reads collection
 * figures and the 自行脱党 review count). Modules import each other only through `*.service.ts`.
 */
export { paidUntilForMember, duesStandingOf } from './dues.member.ts';
export { duesCollectionForStatistics } from './dues.collection.ts';
export { duesArrearsForStatistics } from './dues.arrears.figures.ts';
export { generateMonthlyBills } from './dues.bills.ts';
export { declareDuesBase } from './dues.bases.ts';
