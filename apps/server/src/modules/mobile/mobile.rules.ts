import { openOutflowStatuses, type OutflowStatus } from '@xianfeng/contracts/mobile/mobile.enums';
import { addMonths, isValidDate, wholeMonthsBetween } from '../../platform/dates.ts';
import { parseIdNumber } from '../member/member.service.ts';

/** 流动党员 rules: pure functions, no I/O (regulations.md §6). */

export interface AlertSettings {
  /** 党员教育管理工作条例 第二十五条: ≥ 6 months at a relatively fixed place → transfer the relation. */
  fixedPlaceTransferMonths: number;
  /** 第二十四条: lost contact ≥ 6 months and untraceable → 停止党籍 (the alert prompts the search first). */
  lostContactMonths: number;
  /** The member reports to the outflow org at least once a year (2006 中组部 rules; 2008 党费规定 第九条). */
  reportIntervalMonths: number;
}

export interface OutflowFacts {
  status: OutflowStatus;
  fixedPlace: boolean;
  leftOn: string;
  lastContactOn: string | null;
  lastReportOn: string | null;
}

export interface OutflowTiming {
  transferDueOn: string | null;
  reportDueOn: string | null;
  /** The day without contact counts as lost (contact anchor + the setting). */
  lostContactOn: string | null;
  alerts: { transferDue: boolean; lostContact: boolean; reportDue: boolean };
}

const later = (a: string, b: string | null) => (b && b > a ? b : a);

export const isOpen = (status: OutflowStatus) => openOutflowStatuses.includes(status);

/**
 * When an open registration needs attention. "满 N 个月" is reached on the same day-of-month N months on
 * (regulations.md §10 convention), so the alert is due on that day. A closed registration has none.
 */
export function outflowTiming(f: OutflowFacts, s: AlertSettings, today: string): OutflowTiming {
  if (!isOpen(f.status)) return { transferDueOn: null, reportDueOn: null, lostContactOn: null, alerts: { transferDue: false, lostContact: false, reportDue: false } };
  const transferDueOn = f.fixedPlace ? addMonths(f.leftOn, s.fixedPlaceTransferMonths) : null;
  const lostContactOn = addMonths(later(f.leftOn, f.lastContactOn), s.lostContactMonths);
  const reportDueOn = addMonths(later(f.leftOn, f.lastReportOn), s.reportIntervalMonths);
  return {
    transferDueOn,
    reportDueOn,
    lostContactOn,
    alerts: {
      transferDue: transferDueOn !== null && transferDueOn <= today,
      lostContact: f.status === 'lost_contact' || lostContactOn <= today,
      reportDue: reportDueOn <= today,
    },
  };
}

/** The day contact was last made (or the day they left): the lost-contact alert counts from it. */
export const contactAnchor = (f: Pick<OutflowFacts, 'leftOn' | 'lastContactOn'>) => later(f.leftOn, f.lastContactOn);
/** The day of the last report (or the day they left): the report-due alert counts from it. */
export const reportAnchor = (f: Pick<OutflowFacts, 'leftOn' | 'lastReportOn'>) => later(f.leftOn, f.lastReportOn);

/** Whole months away (until the end, for a closed registration). */
export function monthsAway(leftOn: string, until: string): number {
  return until < leftOn ? 0 : wholeMonthsBetween(leftOn, until);
}

/**
 * The dates of a registration: left on or before today; the expected return after leaving. Returns the
 * offending field, or null when all is well.
 */
export function outflowDateProblem(v: { leftOn: string; expectedReturnOn?: string | null | undefined }, today: string): 'leftOn' | 'expectedReturnOn' | null {
  if (v.leftOn > today) return 'leftOn';
  if (v.expectedReturnOn && v.expectedReturnOn <= v.leftOn) return 'expectedReturnOn';
  return null;
}

/** A date that happened during the registration: not before leaving and not in the future. */
export const withinOutflow = (on: string, leftOn: string, today: string) => on >= leftOn && on <= today;

/**
 * 流动党员活动证 number: the issue date and a six-digit serial from `mobile_certificate_seq`
 * (e.g. 20261122000012). The printed issue date is read back from the number, so a reprint shows the same.
 */
export function certificateNumber(issuedOn: string, seq: number): string {
  return `${issuedOn.replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
}

export function certificateIssuedOn(no: string): string | null {
  if (!/^\d{14,}$/.test(no)) return null;
  const d = `${no.slice(0, 4)}-${no.slice(4, 6)}-${no.slice(6, 8)}`;
  return isValidDate(d) ? d : null;
}

/** An inflow member here for the transfer threshold should move the relation here (第二十五条). */
export function inflowTransferDue(arrivedOn: string, months: number, today: string): boolean {
  return addMonths(arrivedOn, months) <= today;
}

/**
 * GB 11643-1999 citizen ID number (regulations.md §4), normalised (full-width digits, spaces, a lower-case x),
 * or null when invalid — the member module's parser, through its service.
 */
export function normaliseIdNumber(raw: string, today: string): string | null {
  const p = parseIdNumber(raw, today);
  return typeof p === 'string' ? null : p.normalised;
}
