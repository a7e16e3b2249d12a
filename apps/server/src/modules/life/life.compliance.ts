import { AppError, fieldError } from '../../platform/http/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { businessDate } from '../../platform/clock.ts';
import { currentLeaders, findOrgForActor } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as repo from './life.repository.ts';
import { hasCommittee } from './life.service.ts';
import { defaultComplianceRules, evaluateCompliance, parsePeriod, periodsWithin, type ComplianceItem } from './life.rules.ts';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';

/** Meetings that count: confirmed by the recorder and host, or approved by the upper level. */
const COUNTED = new Set(['confirmed', 'approved']);

/**
 * GET /api/orgs/:id/compliance?period= for one branch or group: every rule's items in the period (a
 * monthly rule over a quarter gives three), from the meetings recorded — never typed separately.
 */
export async function orgCompliance(ctx: Ctx, input: { id: string; period: string }): Promise<{ items: ComplianceItem[] }> {
  requirePermission(ctx, 'life.read');
  const org = await findOrgForActor(ctx, input.id, 'life.read');
  const period = parsePeriod(input.period);
  if (!period) throw fieldError('VALIDATION_FAILED', 'period', '统计周期应为 2026-11、2026-Q4 或 2026 的形式');
  const kind = org.kind === 'group' ? 'group' : memberHoldingKinds.includes(org.kind) ? 'branch' : null;
  if (!kind) throw new AppError('LIFE_TYPE_NOT_ALLOWED', { message: '组织生活达标情况按党支部或党小组统计：请选择一个党支部或党小组' });
  // The rules' own periods can reach outside the requested one (a yearly rule asked about a month).
  const spans = defaultComplianceRules.flatMap((r) => periodsWithin(period, r.every));
  const from = spans.reduce((a, p) => (p.start < a ? p.start : a), period.start);
  const to = spans.reduce((a, p) => (p.end > a ? p.end : a), period.end);
  const held = await repo.findHeldMeetings(ctx.db, org.id, new Date(`${from}T00:00:00+08:00`), new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000));
  const leaders = kind === 'branch' ? await currentLeaders(ctx, org.id) : [];
  return {
    items: evaluateCompliance({
      orgId: org.id,
      orgKind: kind,
      hasCommittee: hasCommittee(leaders),
      period,
      today: ctx.clock.today(),
      dueSoonDays: await getEffectiveSetting(ctx, org.path, 'life.dueSoonDays'),
      rules: defaultComplianceRules,
      meetings: held.map((m) => ({ type: m.type, date: businessDate(new Date(m.startsAt)), counted: COUNTED.has(m.status), lateEntry: m.lateEntry })),
    }),
  };
}
