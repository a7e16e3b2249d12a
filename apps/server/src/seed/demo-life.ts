import { addMonths } from '../platform/dates.ts';
import type { Ctx } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { rng } from './demo-data.ts';
import { loadBranches, schedule } from './demo-life.plan.ts';
import { materialise } from './demo-life.records.ts';
import { chainHashes, insertAll } from './demo-life.write.ts';

/**
 * A year of organisational life for the demo district (the twelve months up to the seed's today), so the
 * compliance boards, ledgers and meeting lists show something true. Every branch of the demo communities
 * (春晖, 和平) and of the demo streets' own units gets its theme days, committee, group and general
 * meetings, lectures, the annual 组织生活会 and 民主评议, and talks, with attendees (present, online, on
 * leave with a request, absent with a reason, not expected), minutes in the shape the app writes
 * (`minutesView`), recorder and host confirmations and the upper level's review.
 *
 * Branches differ on purpose: 春晖社区第一网格 (branch1) is complete and mostly approved; 第二网格 records
 * some meetings late (补录, with reasons) and has one returned with a comment; 第三网格 has gaps (overdue
 * months, minutes left in draft); the other branches draw a profile. Approved records carry the
 * hash the review step would have given them (chained per org, in review order).
 *
 * Set-based: everything is planned in memory and written with a few multi-row inserts, inside the seed's
 * transaction (so it is idempotent with it: the seed runs once, all or nothing).
 */

/** Seeds the year's meetings of the demo branches (called once, inside the demo seed's transaction). */
export async function seedDemoLife(ctx: Ctx, opts: { log?: (s: string) => void } = {}): Promise<{ meetings: number; attendees: number }> {
  const r = rng(20261123);
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const branches = await loadBranches(ctx, r);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, i - 11).slice(0, 7));

  const specs = branches.flatMap((b) => schedule(b, r, months, today));
  const out = materialise(r, specs, new Map(branches.map((b) => [b.id, b])), now);
  await insertAll(ctx, out);
  await chainHashes(ctx, out.meetings);

  await writeAudit(ctx, {
    action: 'life.meeting.bulk_create',
    targetType: 'meeting',
    details: { source: 'demo-seed', meetings: out.meetings.length, attendees: out.attendees.length, from: `${months[0]}-01`, to: today },
  });
  opts.log?.(`  ${out.meetings.length} meetings with ${out.attendees.length} attendee rows over ${months[0]} … ${months[11]}`);
  return { meetings: out.meetings.length, attendees: out.attendees.length };
}
