import type { Ctx } from '../../platform/context.ts';
import { addMonths, wholeMonthsBetween } from '../../platform/dates.ts';
import type { RecurringJob } from '../../platform/jobs/jobs.ts';
import * as repo from './notify.repository.ts';
import { anniversaryYears, electionReminderStage, monthDaysCelebratedOn, shanghaiMinutes } from './notify.rules.ts';
import { sendNotification } from './notify.service.ts';
import { findMembersByAnniversary } from '../member/member.service.ts';
import { findOrgsWithTermEndBetween } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';

/** Both consumers run hourly; each sends at most once per key, so a missed hour is caught up at the next. */
export const hourly = (name: string): RecurringJob => ({
  name,
  next: (after) => new Date(Math.floor(after.getTime() / 3_600_000) * 3_600_000 + 3_600_000),
});

/**
 * 两个生日: a greeting on the birthday (from the birth date) and on the political birthday (from joinedOn),
 * for members who opted in, from the configured hour (Asia/Shanghai) on the day. Feb 29 is greeted on
 * Feb 28 in non-leap years.
 */
export async function sendGreetings(ctx: Ctx): Promise<{ sent: number }> {
  const nowMinutes = shanghaiMinutes(ctx.clock.now());
  // The hour is a setting that a street or community may set for its own members.
  const due = async (orgPath: string) => nowMinutes >= (await getEffectiveSetting(ctx, orgPath, 'notify.greetingHour')) * 60;
  const today = ctx.clock.today();
  const year = today.slice(0, 4);
  const optedIn = new Set((await repo.findOptedInMemberIds(ctx.db)).map((r) => r.memberId));
  if (optedIn.size === 0) return { sent: 0 };
  const monthDays = monthDaysCelebratedOn(today);
  let sent = 0;
  for (const m of await findMembersByAnniversary(ctx, { field: 'birthDate', monthDays })) {
    if (!optedIn.has(m.id) || !(await due(m.orgPath))) continue;
    const r = await sendNotification(ctx, {
      to: { memberIds: [m.id] },
      template: 'birthday.greeting',
      data: { name: m.name, orgName: m.orgName },
      channels: ['sms', 'wechat'],
      dedupeKey: `birthday:${m.id}:${year}`,
      orgId: m.orgId,
    });
    sent += r.created;
  }
  for (const m of await findMembersByAnniversary(ctx, { field: 'joinedOn', monthDays })) {
    if (!optedIn.has(m.id) || m.joinedOn.slice(0, 4) === year || !(await due(m.orgPath))) continue;
    const r = await sendNotification(ctx, {
      to: { memberIds: [m.id] },
      template: 'political_birthday.greeting',
      data: { name: m.name, orgName: m.orgName, years: anniversaryYears(m.joinedOn, today) },
      channels: ['sms', 'wechat'],
      dedupeKey: `political_birthday:${m.id}:${year}`,
      orgId: m.orgId,
    });
    sent += r.created;
  }
  return { sent };
}

/**
 * 换届提醒 (基层组织选举工作条例 第三条): to the org's own admins and secretary, and the admins one level up
 * (who approve the election), at each configured stage before the term ends (default 6 and 1 months).
 */
export async function sendElectionReminders(ctx: Ctx): Promise<{ sent: number }> {
  const today = ctx.clock.today();
  let sent = 0;
  // Look 12 months ahead (the setting's maximum), so a lower org's own, longer stage is reached too.
  for (const org of await findOrgsWithTermEndBetween(ctx, { from: today, to: addMonths(today, 12) })) {
    const months = await getEffectiveSetting(ctx, org.path, 'notify.electionReminderMonths');
    const stage = electionReminderStage(org.termEnd!, today, months, addMonths);
    if (stage === null) continue;
    const r = await sendNotification(ctx, {
      to: {
        orgRoles: [
          { orgId: org.id, roles: ['org_admin', 'secretary'] },
          { orgId: org.id, roles: ['org_admin'], levelsUp: 1 },
        ],
      },
      template: 'election.due',
      data: { orgName: org.name, orgId: org.id, termEnd: org.termEnd, months: Math.max(1, wholeMonthsBetween(today, org.termEnd!)) },
      channels: ['sms', 'wechat'],
      dedupeKey: `election:${org.id}:${org.termEnd}:${stage}`,
      orgId: org.id,
    });
    sent += r.created;
  }
  return { sent };
}
