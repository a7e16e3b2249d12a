import type { z } from 'zod';
import type { complianceItemView, complianceStatuses } from '@xianfeng/contracts/life/life.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import { addMonths, daysInMonth, parsePeriod, type Period } from '../../platform/dates.ts';

/**
 * Compliance of branch organisational life (三会一课, 主题党日, 组织生活会, …) against the meeting
 * frequencies of regulations digest §2.3. Pure: the caller loads the meetings and the configured rules.
 */

// The meeting types are the contracts' (shared with the web); re-exported for the rules' callers and tests.
export { meetingTypes, type MeetingType } from '@xianfeng/contracts/life/life.enums';

export type RuleEvery = 'month' | 'quarter' | 'year';

export interface ComplianceRule {
  /** A meeting type, or a custom type id from settings. */
  rule: string;
  every: RuleEvery;
  /** Meetings needed per period. */
  required: number;
  /** 'group' rules are evaluated for 党小组 orgs, 'branch' rules for branch-type orgs. */
  appliesTo: 'branch' | 'group';
  /** A branch with < 7 full members has no committee (§2.2), so committee rules do not apply to it. */
  needsCommittee?: boolean;
  /** The article the rule comes from. */
  source: string;
}

/** The national defaults of regulations §2.3; local rules (e.g. a quarterly 党课) are configured on top. */
export const defaultComplianceRules: readonly ComplianceRule[] = [
  { rule: 'branch_general_meeting', every: 'quarter', required: 1, appliesTo: 'branch', source: '支部工作条例 第十一条' },
  { rule: 'branch_committee_meeting', every: 'month', required: 1, appliesTo: 'branch', needsCommittee: true, source: '支部工作条例 第十二条' },
  { rule: 'group_meeting', every: 'month', required: 1, appliesTo: 'group', source: '支部工作条例 第十三条' },
  // The national text only says members attend "按期" and secretaries lecture ≥ 1 per year; "每季度一次"
  // is a local rule (digest §2.3), so it is a setting, not a default.
  { rule: 'party_lecture', every: 'year', required: 1, appliesTo: 'branch', source: '支部工作条例 第十五条' },
  { rule: 'theme_day', every: 'month', required: 1, appliesTo: 'branch', source: '支部工作条例 第十六条; 教育管理条例 第十六条' },
  { rule: 'org_life_meeting', every: 'year', required: 1, appliesTo: 'branch', source: '支部工作条例 第十七条; 教育管理条例 第十七条' },
  { rule: 'democratic_appraisal', every: 'year', required: 1, appliesTo: 'branch', source: '支部工作条例 第十八条; 教育管理条例 第十八条' },
  { rule: 'heart_talk', every: 'year', required: 1, appliesTo: 'branch', source: '支部工作条例 第十九条' },
];

// Periods are the platform's (one parser for every module); re-exported for the rules' callers and tests.
export { parsePeriod, type Period } from '../../platform/dates.ts';

/** The period of a kind that contains a date. */
function periodContaining(every: RuleEvery, date: string): Period {
  const y = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const key = every === 'year' ? y : every === 'quarter' ? `${y}-Q${Math.ceil(month / 3)}` : date.slice(0, 7);
  return parsePeriod(key)!;
}

const stepMonths: Record<RuleEvery, number> = { month: 1, quarter: 3, year: 12 };

/**
 * The rule's own periods that overlap the requested one. Months, quarters and years nest, so this is
 * either the periods inside the request (a monthly rule over a quarter → 3 months) or the single period
 * that contains it (a yearly rule over a month → that year).
 */
export function periodsWithin(requested: Period, every: RuleEvery): Period[] {
  const out: Period[] = [];
  for (let p = periodContaining(every, requested.start); p.start <= requested.end; ) {
    out.push(p);
    p = periodContaining(every, addMonths(p.start, stepMonths[every]));
  }
  return out;
}

/** date = the meeting's start date; counted = status confirmed or approved (the caller decides). */
export interface HeldMeeting {
  type: string;
  date: string;
  counted: boolean;
  lateEntry: boolean;
}

// The item's shape is the API's (contracts), so the engine, the routes and the web agree by construction.
export type ComplianceStatus = (typeof complianceStatuses)[number];
export type ComplianceItem = z.infer<typeof complianceItemView>;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

function statusOf(held: number, required: number, p: Period, today: string, dueSoonDays: number): ComplianceStatus {
  if (held >= required) return 'met';
  // The last day of the period is still inside it: a meeting held that day counts.
  if (today > p.end) return 'overdue';
  if (today < p.start) return 'not_due';
  return dayNumber(p.end) - dayNumber(today) <= dueSoonDays ? 'due_soon' : 'not_due';
}

/**
 * One item per applicable rule per the rule's own period inside the requested one, in rule order then
 * period order. Late entries (补录) still count towards `held` — the meeting took place — but are also
 * reported so a reviewer can see how the branch reached compliance.
 */
export function evaluateCompliance(input: {
  orgId: string;
  orgKind: 'branch' | 'group';
  hasCommittee: boolean;
  period: Period;
  today: string;
  dueSoonDays: number;
  rules: readonly ComplianceRule[];
  meetings: readonly HeldMeeting[];
}): ComplianceItem[] {
  const items: ComplianceItem[] = [];
  for (const r of input.rules) {
    if (r.appliesTo !== input.orgKind) continue;
    const counted = input.meetings.filter((m) => m.type === r.rule && m.counted);
    for (const p of periodsWithin(input.period, r.every)) {
      const inPeriod = counted.filter((m) => m.date >= p.start && m.date <= p.end);
      const held = inPeriod.length;
      const status =
        r.needsCommittee && !input.hasCommittee ? 'not_applicable' : statusOf(held, r.required, p, input.today, input.dueSoonDays);
      items.push({
        orgId: input.orgId,
        rule: r.rule,
        period: p.key,
        required: r.required,
        held,
        lateEntries: inPeriod.filter((m) => m.lateEntry).length,
        status,
        source: r.source,
      });
    }
  }
  return items;
}

/**
 * 支委会 quorum "半数以上委员到会" (支部工作条例 第十二条), read per regulations digest §10 as
 * present ≥ ⌈n/2⌉ (以上 includes the number). No committee, no quorum.
 */
export function committeeQuorumMet(committeeSize: number, present: number): boolean {
  return committeeSize > 0 && present >= Math.ceil(committeeSize / 2);
}

/**
 * A general meeting may vote on membership when the voting members present are more than half of those
 * who should attend (发展党员工作细则 第十九条; regulations digest §2.5, §10). Nobody to attend, no vote.
 */
export function generalMeetingVoteValid(votingShouldAttend: number, votingPresent: number): boolean {
  return votingShouldAttend > 0 && votingPresent * 2 > votingShouldAttend;
}

/**
 * 固定组织生活日: "the `week`-th `weekday` of the month" (week 1–4, or -1 for the last; weekday 1 = Monday …
 * 7 = Sunday). 主题党日 is held on a relatively fixed day each month (支部工作条例 第十六条); which day is
 * local practice, hence a setting.
 */
export function fixedDayOf(month: string, spec: { week: number; weekday: number }): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const isoWeekday = (d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  const last = daysInMonth(y, m);
  let day: number;
  if (spec.week === -1) {
    day = last;
    while (isoWeekday(day) !== spec.weekday) day--;
  } else {
    day = 1;
    while (isoWeekday(day) !== spec.weekday) day++;
    day += (spec.week - 1) * 7;
  }
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** A 支部委员会 has 3–5 members; fewer leaders means a secretary (and maybe a deputy) only (支部工作条例 第二十条). */
export const hasCommittee = (leaderCount: number) => leaderCount >= 3;

/** Which org holds organisational life: 党小组 ('group') and the branch kinds ('branch'); others hold none. */
export function lifeKindOf(orgKind: string): 'branch' | 'group' | null {
  if (orgKind === 'group') return 'group';
  return memberHoldingKinds.includes(orgKind as never) ? 'branch' : null;
}

/** A `life.localRules` entry: a local frequency that replaces the national default of the same rule (or adds one). */
export interface LocalRule {
  rule: string;
  every: RuleEvery;
  required: number;
  source: string;
}

/** A `life.customTypes` entry: a local meeting type; with `every` and `required` it is also a compliance rule. */
export interface CustomMeetingType {
  id: string;
  label: string;
  appliesTo: 'branch' | 'group';
  every?: RuleEvery | undefined;
  required?: number | undefined;
  source?: string | undefined;
}

/** Where a custom type's rule comes from when the setting names no article. */
export const LOCAL_RULE_SOURCE = '本地规定';

/**
 * The rules a branch is held to: the national defaults (regulations §2.3), then each custom type that
 * states a frequency, then the local rules — a local rule replaces the rule of the same id in place
 * (keeping who holds it and whether it needs a committee: "党课每季度一次" stays a branch rule) or,
 * for an id with no rule yet, is added at the end. The first custom type of an id wins (as when a
 * meeting is planned); a later local rule of an id overrides an earlier one. Pure: the caller passes
 * the org's effective settings.
 */
export function rulesFrom(localRules: readonly LocalRule[], customTypes: readonly CustomMeetingType[]): ComplianceRule[] {
  const rules: ComplianceRule[] = defaultComplianceRules.map((r) => ({ ...r }));
  const index = new Map(rules.map((r, i) => [r.rule, i]));
  const appliesTo = new Map<string, 'branch' | 'group'>();
  for (const c of customTypes) {
    if (appliesTo.has(c.id) || index.has(c.id)) continue;
    appliesTo.set(c.id, c.appliesTo);
    if (c.every === undefined || c.required === undefined) continue;
    index.set(c.id, rules.length);
    rules.push({ rule: c.id, every: c.every, required: c.required, appliesTo: c.appliesTo, source: c.source?.trim() || LOCAL_RULE_SOURCE });
  }
  const national = new Map(defaultComplianceRules.map((r) => [r.rule, r]));
  const perMonth = (r: { every: RuleEvery; required: number }) => r.required / stepMonths[r.every];
  for (const l of localRules) {
    const at = index.get(l.rule);
    const base = at === undefined ? undefined : rules[at];
    // Local practice may ask more than the national rule (党课 quarterly), never less: a looser local rule
    // for a national type is ignored, so no board shows a branch compliant below the regulations.
    const floor = national.get(l.rule);
    if (floor && perMonth(l) < perMonth(floor)) continue;
    const rule: ComplianceRule = {
      rule: l.rule,
      every: l.every,
      required: l.required,
      appliesTo: base?.appliesTo ?? appliesTo.get(l.rule) ?? 'branch',
      ...(base?.needsCommittee ? { needsCommittee: true } : {}),
      source: l.source,
    };
    if (at === undefined) {
      index.set(l.rule, rules.length);
      rules.push(rule);
    } else rules[at] = rule;
  }
  return rules;
}

/** The kinds of period a rule set uses (to know how far around a requested period meetings must be read). */
export function periodKindsOf(rules: readonly ComplianceRule[]): RuleEvery[] {
  return [...new Set(rules.map((r) => r.every))];
}

const isoOf = (t: unknown) => (t === null || t === undefined ? null : new Date(t as string | Date).toISOString());

/**
 * The text an approved record's SM3 hash covers: the previous approved record's hash in the same org, the
 * meeting, the minutes (with the review, `hash` null) and the attendee rows. Timestamps are written as ISO
 * instants, so the text — and a later verification — does not depend on the driver or the session's zone.
 */
export function approvalHashInput(input: {
  prev: string | null;
  meeting: { id: string; orgId: string; type: string; startsAt: unknown; lateEntry: boolean };
  minutes: object;
  attendees: readonly { checkedInAt: unknown }[];
}): string {
  const { meeting: m } = input;
  return JSON.stringify({
    prev: input.prev,
    meeting: { id: m.id, orgId: m.orgId, type: m.type, startsAt: isoOf(m.startsAt), lateEntry: m.lateEntry },
    minutes: { ...input.minutes, hash: null },
    attendees: input.attendees.map((a) => ({ ...a, checkedInAt: isoOf(a.checkedInAt) })),
  });
}
