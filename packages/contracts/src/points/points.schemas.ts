import { z } from 'zod';
import { isoDate, uuid } from '../common/common.schemas.ts';
import { pointsKinds, pointsSourceTypes } from './points.enums.ts';

const year = z.coerce
  .number({ error: '年份应为 2000–2100 之间的整数' })
  .int({ error: '年份应为 2000–2100 之间的整数' })
  .min(2000, { error: '年份应为 2000–2100 之间的整数' })
  .max(2100, { error: '年份应为 2000–2100 之间的整数' });

/** GET /api/points/me?year= and GET /api/orgs/:id/points?year= — the current Beijing year when absent. */
export const pointsYearQuery = z.object({ year: year.optional() });

/** GET /api/orgs/:id/points/no-participation?period= — `2026-11`, `2026-Q4` or `2026` (checked by the server, naming `period`). */
export const noParticipationQuery = z.object({ period: z.string({ error: '统计周期必填' }).max(10, { error: '统计周期应为 2026-11、2026-Q4 或 2026 的形式' }) });

export const pointsEventView = z.object({
  id: uuid,
  occurredOn: isoDate,
  kind: z.enum(pointsKinds),
  points: z.number().int(),
  /** Chinese, e.g. 参加「11 月主题党日」. */
  note: z.string(),
  sourceType: z.enum(pointsSourceTypes),
  sourceId: uuid,
});
export type PointsEventView = z.infer<typeof pointsEventView>;

/** GET /api/points/me: the caller's own points of a year, newest first (no member linked → total 0, no events). */
export const myPointsView = z.object({
  memberId: uuid.nullable(),
  year: z.number().int(),
  total: z.number().int(),
  events: z.array(pointsEventView),
});
export type MyPointsView = z.infer<typeof myPointsView>;

export const branchPointsMember = z.object({
  memberId: uuid,
  name: z.string(),
  total: z.number().int(),
  /** Count of 参加 events (in person or online). */
  attended: z.number().int(),
  /** Count of 无故缺席 events. */
  absentWithoutLeave: z.number().int(),
  /** 1..n with shared ranks for ties when `points.rankingEnabled` is on at the branch; otherwise null. */
  rank: z.number().int().nullable(),
});

/**
 * GET /api/orgs/:id/points: every active member of one branch (or 党小组). Ranking is off by default; when on,
 * members are ordered by total and ranked inside this branch only — there is no ranking across a subtree.
 */
export const branchPointsView = z.object({
  orgId: uuid,
  year: z.number().int(),
  rankingEnabled: z.boolean(),
  members: z.array(branchPointsMember),
});
export type BranchPointsView = z.infer<typeof branchPointsView>;

/** GET /api/orgs/:id/points/no-participation: active members with no 参加 event in the period. */
export const noParticipationView = z.object({
  orgId: uuid,
  period: z.string(),
  items: z.array(z.object({ memberId: uuid, name: z.string() })),
});
export type NoParticipationView = z.infer<typeof noParticipationView>;
