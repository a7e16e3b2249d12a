/**
 * The mobile module's public API for other modules (statistics, the job runner) and the demo seed.
 * 流动党员: 党员教育管理工作条例 第二十四、二十五、三十二条; 中组发〔2008〕3号 第九条.
 */
export { mobileFiguresForStatistics } from './mobile.lists.ts';
export { scanMobileAlerts } from './mobile.notify.ts';
export { endOutflow, markLostContact, recordReport, registerOutflow } from './mobile.outflow.ts';
export { leaveInflow, registerInflow } from './mobile.inflow.ts';
export { issueMobileCertificate } from './mobile.certificate.ts';
export { importOutflows, type OutflowImportItem } from './mobile.import.ts';
