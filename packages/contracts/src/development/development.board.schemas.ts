import { z } from 'zod';
import { isoDate, pageOf, pageQuery, uuid } from '../common/common.schemas.ts';

/**
 * 发展党员 boards, the yearly plan, overrides shown to upper levels, and the generated documents
 * (docs/development.md "Boards and reminders", "Documents").
 */

const year = z.coerce.number({ error: '年度必须是数字' }).int({ error: '年度必须是整数' }).min(2000, { error: '年度应在 2000–2100 之间' }).max(2100, { error: '年度应在 2000–2100 之间' });

/** GET /api/development/board: a branch or any org above it (its whole subtree); default the caller's widest scope. */
export const boardQuery = z.strictObject({ orgId: uuid.optional(), year: year.optional() });

/** A time limit of an open case that is due soon or past (from the rules' `caseDeadlines`). */
export const deadlineItem = z.object({
  caseId: z.uuid(),
  name: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  stage: z.number().int(),
  /** The step the limit asks for (its key and number in the chart). */
  stepKey: z.string(),
  stepNumber: z.number().int(),
  stepName: z.string(),
  /** The rule, in words (e.g. "申请后一个月内谈话"). */
  rule: z.string(),
  article: z.string(),
  dueBy: isoDate,
  /** Days left (0 = due today); negative when overdue. */
  days: z.number().int(),
  kind: z.enum(['due_soon', 'overdue']),
});
export type DeadlineItem = z.infer<typeof deadlineItem>;

/** A step recorded with an authorised override of a refused limit (shown to upper levels, 一步一审). */
export const overrideItem = z.object({
  stepId: z.uuid(),
  caseId: z.uuid(),
  name: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  stepKey: z.string(),
  stepNumber: z.number().int(),
  stepName: z.string(),
  date: isoDate,
  reason: z.string(),
  /** The rules overridden: code, stable rule id, article, and the rule in words. */
  overridden: z.array(z.object({ code: z.string(), rule: z.string(), article: z.string(), zh: z.string() })),
  actor: z.string().nullable(),
  recordedAt: z.string(),
});

export const planSummary = z.object({
  year: z.number().int(),
  /** The org's own plan for the year (null: none set). */
  planned: z.number().int().nullable(),
  /** Approvals (step 17, 上级党委审批 approved) dated in the year, anywhere in the subtree. */
  actual: z.number().int(),
  remaining: z.number().int().nullable(),
  /** By when the plan should be set (setting development.planDueDate) and whether that has passed with no plan. */
  planDueOn: isoDate,
  planMissing: z.boolean(),
  /** By when the year's approvals should be done (setting development.quotaDueDate); days left (negative once past). */
  quotaDueOn: isoDate,
  quotaDaysLeft: z.number().int(),
});

export const boardView = z.object({
  org: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  asOf: isoDate,
  year: z.number().int(),
  /** Open cases by stage 1–5. */
  stages: z.array(z.object({ stage: z.number().int(), zh: z.string(), open: z.number().int() })),
  open: z.number().int(),
  deadlines: z.object({
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    dueSoonDays: z.number().int(),
    /** Overdue first (longest overdue first), then due soon (soonest first); at most 100. */
    items: z.array(deadlineItem),
    truncated: z.boolean(),
  }),
  plan: planSummary,
  /** New members of the year (approvals in the year) aged `age` or under on the approval date (党内统计: 35岁及以下). */
  youth: z.object({ age: z.number().int(), approved: z.number().int(), youth: z.number().int(), percent: z.number().nullable() }),
  overrides: z.object({ count: z.number().int(), items: z.array(overrideItem) }),
  /** The org's direct children (for an upper level): open cases by stage, overdue limits, plan and actual. */
  children: z.array(
    z.object({
      orgId: z.uuid(),
      name: z.string(),
      kind: z.string(),
      open: z.number().int(),
      byStage: z.array(z.number().int()).length(5),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      planned: z.number().int().nullable(),
      actual: z.number().int(),
    }),
  ),
});
export type BoardView = z.infer<typeof boardView>;

export const planParams = z.strictObject({ orgId: uuid, year });
/** PUT /api/development/plans/:orgId/:year */
export const planBody = z.strictObject({
  planned: z.number({ error: '计划发展人数必须是整数' }).int({ error: '计划发展人数必须是整数' }).min(0, { error: '计划发展人数不能为负数' }).max(100000, { error: '计划发展人数过大' }),
});
export const planView = z.object({ orgId: z.uuid(), orgName: z.string(), ...planSummary.shape, updatedAt: z.string().nullable() });

export const overridesQuery = z.strictObject({ orgId: uuid.optional(), ...pageQuery });
export const overridesPage = pageOf(overrideItem);

/** GET /api/development/cases/:id/notice(.pdf): before step 8 is recorded the period, place and contact may be given. */
export const noticeQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  place: z.string().trim().max(200, { error: '公示范围最多 200 字' }).optional(),
  contact: z.string().trim().max(100, { error: '联系方式最多 100 字' }).optional(),
});
export const noticeView = z.object({
  caseId: z.uuid(),
  title: z.string(),
  /** The notice as posted (no ID number). */
  text: z.string(),
  from: isoDate,
  to: isoDate,
  /** Working days in [from, to] by the holiday calendar (≥ 5 required, 第十三条); null when the calendar lacks a year. */
  workingDays: z.number().int().nullable(),
  warnings: z.array(z.string()),
  place: z.string(),
  contact: z.string(),
  /** Whether the period comes from the recorded step 8 (true) or is proposed (false). */
  recorded: z.boolean(),
});
export type NoticeView = z.infer<typeof noticeView>;

/** GET /api/development/list.xlsx */
export const yearlyListQuery = z.strictObject({ orgId: uuid.optional(), year });
