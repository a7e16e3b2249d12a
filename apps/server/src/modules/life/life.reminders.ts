import type { Ctx } from '../../platform/context.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { sendNotification } from '../notify/notify.service.ts';
import * as repo from './life.repository.ts';
import { shanghaiTime, typeLabelOf } from './life.service.ts';

const DAY_MS = 86_400_000;
/** Reminders stop after this long: an old gap is the upper level's business (it shows as overdue there). */
const LOOK_BACK_DAYS = 90;

/**
 * Hourly: minutes due within `life.minutesDueDays` (7) of the meeting's end and still not confirmed remind
 * the branch secretary and organiser (and the org admin) once per meeting — records written weeks later
 * from memory are how ledgers end up "made for show".
 */
export async function remindOverdueMinutes(ctx: Ctx): Promise<{ sent: number }> {
  const now = ctx.clock.now();
  let sent = 0;
  for (const m of await repo.findUnconfirmedEndedBetween(ctx.db, new Date(now.getTime() - LOOK_BACK_DAYS * DAY_MS), new Date(now.getTime() - DAY_MS))) {
    const dueDays = await getEffectiveSetting(ctx, m.orgPath, 'life.minutesDueDays');
    const late = Math.floor((now.getTime() - new Date(m.endedAt).getTime()) / DAY_MS);
    if (late < dueDays) continue;
    const r = await sendNotification(ctx, {
      to: { orgRoles: [{ orgId: m.orgId, roles: ['secretary', 'organiser', 'org_admin'] }] },
      template: 'life.minutes_overdue',
      data: { meetingId: m.id, title: m.title, orgName: m.orgName, typeName: typeLabelOf(m.type, m.typeLabel), startsAt: shanghaiTime(new Date(m.startsAt)), days: late, dueDays },
      dedupeKey: `life.minutes_overdue:${m.id}`,
      orgId: m.orgId,
    });
    sent += r.created;
  }
  return { sent };
}
