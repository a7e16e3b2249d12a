import { z } from 'zod';
import { isoDate, uuid } from '../common/common.schemas.ts';
import { ageBands, genders, memberCategories, memberStatuses } from '../member/member.enums.ts';
import { orgDomains, orgKinds } from '../org/org.enums.ts';
import { complianceStatuses } from '../life/life.schemas.ts';
import { educationKeys, ethnicityCodeKeys, ethnicityGroups, joinPeriods, statsOccupations, statsWarningCodes, statsWarningLevels, UNKNOWN } from './stats.enums.ts';

const count = z.number().int().min(0);

/**
 * A breakdown: every listed key is always present (zeros included), plus `unknown` (always present, 0 when no data
 * is missing), so the web can draw it in a fixed order and the values sum to `total`.
 */
function breakdown<const K extends readonly string[]>(keys: K) {
  const shape = Object.fromEntries([...keys, UNKNOWN].map((k) => [k, count])) as { [P in K[number] | typeof UNKNOWN]: typeof count };
  return z.object(shape);
}

/** `?asOf=YYYY-MM-DD` — default today (Asia/Shanghai); a future date is refused (400). */
export const statsQuery = z.object({ asOf: isoDate.optional() });

/**
 * GET /api/stats/orgs/:id/members (exact contract): active members of the org's subtree as of `asOf`.
 * Age bands are whole years as of `asOf`; the other breakdowns use the member's current attributes.
 */
export const memberStatistics = z.object({
  total: count,
  byCategory: breakdown(memberCategories),
  byStatus: breakdown(memberStatuses),
  byGender: breakdown(genders),
  byEthnicity: breakdown(ethnicityGroups),
  byEthnicityCode: breakdown(ethnicityCodeKeys as readonly string[]),
  byAgeBand: breakdown(ageBands),
  byEducation: breakdown(educationKeys as readonly string[]),
  byOccupation: breakdown(statsOccupations),
  byJoinPeriod: breakdown(joinPeriods),
  asOf: isoDate,
});
export type MemberStatistics = z.infer<typeof memberStatistics>;

const byKind = z.object(Object.fromEntries(orgKinds.map((k) => [k, count])) as { [P in (typeof orgKinds)[number]]: typeof count });
const byDomain = z.object(Object.fromEntries(orgDomains.map((k) => [k, count])) as { [P in (typeof orgDomains)[number]]: typeof count });

/** Organisations of the subtree (the org itself included) that are not dissolved as of `asOf`. */
export const orgStatistics = z.object({ total: count, byKind, byDomain });
export type OrgStatistics = z.infer<typeof orgStatistics>;

/** One row per child org (groups left out) for drill-down: its subtree's figures. */
export const statsChildRow = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(orgKinds),
  total: count,
  full: count,
  probationary: count,
  /** Organisations in the child's subtree, the child included. */
  orgs: count,
  /** 党支部, 联合党支部 and 临时党支部 in the child's subtree. */
  branches: count,
});
export type StatsChildRow = z.infer<typeof statsChildRow>;

/** A dashboard warning: the count and the web list behind it; `green` means none. */
export const statsWarning = z.object({
  level: z.enum(statsWarningLevels),
  code: z.enum(statsWarningCodes),
  zh: z.string(),
  count,
  link: z.string(),
});
export type StatsWarning = z.infer<typeof statsWarning>;

const duesMonth = z.object({ month: z.string(), bills: count, settledBills: count, amountFen: z.number().int(), paidFen: z.number().int(), rateBasisPoints: z.number().int().nullable() });

/** Figures other modules expose for statistics (each present when its module answers). */
export const statsModules = z.object({
  /** 党费 collection, month by month from January of the asOf year to the asOf month. */
  dues: z.object({ months: z.array(duesMonth) }).optional(),
  /** 组织生活 for the quarter containing asOf: branches by their worst item, meetings held. */
  compliance: z
    .object({
      period: z.string(),
      branches: count,
      byWorst: z.object(Object.fromEntries(complianceStatuses.map((k) => [k, count])) as { [P in (typeof complianceStatuses)[number]]: typeof count }),
      meetings: z.object({ held: count, lateEntries: count, byType: z.record(z.string(), count) }),
    })
    .optional(),
  /** 组织关系转接 completed from 1 January of the asOf year to asOf; open ones now. */
  transfers: z.object({ from: isoDate, to: isoDate, transfersOut: count, transfersIn: count, open: count, overdueSteps: count }).optional(),
  /** 流动党员 registries now (left out for a past asOf: the registries keep no history). */
  mobile: z
    .object({
      outflowByStatus: z.record(z.string(), count),
      outflowOpen: count,
      inflowHosted: count,
      lostContact: count,
      transferDue: count,
      certificates: count,
    })
    .optional(),
  /** 在职党员双报到 from 1 January of the asOf year to asOf. */
  reportIn: z.object({ from: isoDate, to: isoDate, registered: count, confirmed: count, pending: count, active: count, serviceMinutes: count, units: count }).optional(),
  /** 发展党员 pipeline: open cases by stage now, approvals in the asOf year (of them aged ≤ youthAge), overdue steps. */
  development: z
    .object({
      applicants: count,
      activists: count,
      candidates: count,
      inAcceptance: count,
      probationaryInProcess: count,
      approvedThisYear: count,
      approvedYouth: count,
      youthAge: count,
      youthPercent: z.number().nullable(),
      overdueSteps: count,
      overrides: count,
    })
    .partial()
    .optional(),
});
export type StatsModules = z.infer<typeof statsModules>;

/** GET /api/stats/orgs/:id/overview — the dashboard's one call. */
export const statsOverview = z.object({
  org: z.object({ id: uuid, name: z.string(), kind: z.enum(orgKinds) }),
  asOf: isoDate,
  members: memberStatistics,
  orgs: orgStatistics,
  /** Members the org holds itself (a general branch may), so `direct.total + Σ children.total = members.total`. */
  direct: z.object({ total: count, full: count, probationary: count }),
  children: z.array(statsChildRow),
  /** Structural and module warnings now (empty for a past asOf). */
  warnings: z.array(statsWarning),
  modules: statsModules,
  /**
   * The age pyramid: members by age band (as `members.byAgeBand`, whole years as of `asOf`) and gender. Per band
   * `male + female + unknown` equals `members.byAgeBand[band]`; the `unknown` band (birth date missing) is last.
   */
  agePyramid: z.array(z.object({ band: z.enum([...ageBands, UNKNOWN]), male: count, female: count, unknown: count })),
});
export type StatsOverview = z.infer<typeof statsOverview>;

/**
 * WebSocket `GET /api/stats/ws?orgId=` (session cookie): `hello` once subscribed, then `stats.changed` within about
 * 100 ms of a commit that changed a figure of the org's subtree — the page then reads the figures again.
 */
export const statsSocketMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), orgId: uuid }),
  z.object({ type: z.literal('stats.changed'), orgId: uuid, at: z.string() }),
]);
export type StatsSocketMessage = z.infer<typeof statsSocketMessage>;

/** `?months=` — how many month-ends the trend goes back (1–36, default 12). */
export const statsTrendQuery = z.object({ months: z.coerce.number().int().min(1).max(36).default(12) });

/**
 * GET /api/stats/orgs/:id/trend?months=12 — active members at each of the last `months` month-ends, oldest first,
 * then today. `source`: 'rollup' (taken from the live figures at the month's turn by `stats.month_snapshot`),
 * 'history' (computed from history when first asked, for months before snapshots were kept), 'live' (today).
 */
export const statsTrendPoint = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  asOf: isoDate,
  total: count,
  full: count,
  probationary: count,
  source: z.enum(['rollup', 'history', 'live']),
});
export const statsTrend = z.object({ orgId: uuid, points: z.array(statsTrendPoint) });
export type StatsTrend = z.infer<typeof statsTrend>;
export type StatsTrendPoint = z.infer<typeof statsTrendPoint>;
