import type { z } from 'zod';
import type { ArrearsView, arrearsQuery } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/context.ts';
import { duesSettingsAt, loadDuesOrg, type DuesSettings } from './dues.access.ts';
import { addMonth, arrearsOf, monthOfDate, type ArrearsBill } from './dues.rules.ts';
import { yuan } from './dues.views.ts';
import * as repo from './dues.repository.ts';
import * as standing from './dues.standing.repository.ts';
import { sendNotification, sentDedupeKeys } from '../notify/notify.service.ts';

/**
 * 欠交党费: per member, unpaid overdue months, the consecutive run and its level. A reminder goes out at
 * `dues.reminderMonths`; at six consecutive months without a recorded valid reason the branch is told to
 * handle the case under 党章 第九条 (按自行脱党处理) — the platform flags, the branch decides; nobody is
 * removed by the system.
 */

type Reason = { memberId: string; fromMonth: string; toMonth: string; reason: string };

function standingOf(row: standing.UnpaidSummaryRow, reasons: Reason[], currentMonth: string, settings: DuesSettings) {
  // The unpaid months plus the latest overdue month when it was paid: months missing between them break the run.
  const bills: ArrearsBill[] = row.unpaid.map((u) => ({ month: u.month, status: 'unpaid', amountFen: u.owedFen, paidFen: 0 }));
  if (!row.unpaid.some((u) => u.month === row.lastOverdue)) bills.push({ month: row.lastOverdue, status: 'paid', amountFen: 0, paidFen: 0 });
  return arrearsOf({ bills, reasons, currentMonth, reminderMonths: settings.reminderMonths });
}

function settingsCache(ctx: Ctx) {
  const cache = new Map<string, Promise<DuesSettings>>();
  return (path: string) => {
    let s = cache.get(path);
    if (!s) cache.set(path, (s = duesSettingsAt(ctx, path)));
    return s;
  };
}

/** GET /api/dues/arrears — members of a subtree with overdue unpaid dues, the longest runs first. */
export async function listArrears(ctx: Ctx, q: z.infer<typeof arrearsQuery>) {
  const org = await loadDuesOrg(ctx, q.orgId, 'dues.read');
  const currentMonth = monthOfDate(ctx.clock.today());
  const found = await standing.findMembersWithArrears(ctx.db, { paths: [org.path], currentMonth, activeOnly: true });
  const reasons = await standing.findArrearsReasons(ctx.db, found.map((f) => f.memberId));
  const settingsAt = settingsCache(ctx);
  const items: ArrearsView[] = [];
  const accounts = new Map((await repo.findAccounts(ctx.db, found.map((f) => f.memberId))).map((a) => [a.memberId, a]));
  for (const row of found) {
    const mine = reasons.filter((r) => r.memberId === row.memberId);
    const s = standingOf(row, mine, currentMonth, await settingsAt(row.orgPath));
    if (q.level && s.level !== q.level) continue;
    const latestReason = mine[mine.length - 1];
    items.push({
      memberId: row.memberId,
      name: row.name,
      orgId: row.orgId,
      orgName: row.orgName,
      paidUntil: paidUntilFromUnpaid(row, accounts.get(row.memberId)?.openingPaidUntil ?? null),
      unpaidMonths: s.unpaidMonths,
      consecutiveUnpaid: s.consecutiveUnpaid,
      owedFen: s.owedFen,
      oldestUnpaid: s.oldestUnpaid as string,
      level: s.level,
      reason: latestReason ? { fromMonth: latestReason.fromMonth, toMonth: latestReason.toMonth, reason: latestReason.reason } : null,
    });
  }
  items.sort((a, b) => b.consecutiveUnpaid - a.consecutiveUnpaid || b.owedFen - a.owedFen || a.name.localeCompare(b.name, 'zh-CN'));
  const offset = (q.page - 1) * q.pageSize;
  return { items: items.slice(offset, offset + q.pageSize), total: items.length, page: q.page, pageSize: q.pageSize };
}

/** 党费交至 from the arrears row alone: the month before the oldest unpaid one (never before the opening month). */
function paidUntilFromUnpaid(row: standing.UnpaidSummaryRow, opening: string | null): string | null {
  const oldest = row.unpaid[0]?.month;
  if (!oldest) return opening;
  const before = addMonth(oldest, -1);
  return opening && opening > before ? opening : before;
}

/**
 * Job `dues.arrears_scan` (hourly): reminders at `dues.reminderMonths`, the branch's 自行脱党 review at six
 * consecutive months. Each notice reaches its recipients once per arrears run (dedupe by the run's first
 * unpaid month), so an hourly scan never repeats itself.
 */
export async function scanArrears(ctx: Ctx): Promise<{ reminded: number; flagged: number }> {
  const currentMonth = monthOfDate(ctx.clock.today());
  const found = await standing.findMembersWithArrears(ctx.db, { paths: null, currentMonth, activeOnly: true });
  const reasons = await standing.findArrearsReasons(ctx.db, found.map((f) => f.memberId));
  const settingsAt = settingsCache(ctx);
  // 党费交至 from the arrears row itself: the scan runs hourly and must stay cheap when every notice went out already.
  const openings = new Map((await repo.findAccounts(ctx.db, found.map((f) => f.memberId))).map((a) => [a.memberId, a.openingPaidUntil]));
  let reminded = 0;
  let flagged = 0;
  const due: { row: standing.UnpaidSummaryRow; s: ReturnType<typeof standingOf>; runStart: string; reminderKey: string; lapseKey: string }[] = [];
  for (const row of found) {
    const s = standingOf(row, reasons.filter((r) => r.memberId === row.memberId), currentMonth, await settingsAt(row.orgPath));
    if (s.level === 'none') continue;
    const runStart = row.unpaid[row.unpaid.length - s.consecutiveUnpaid]?.month ?? (s.oldestUnpaid as string);
    due.push({ row, s, runStart, reminderKey: `dues.reminder:${row.memberId}:${runStart}`, lapseKey: `dues.lapse:${row.memberId}:${runStart}` });
  }
  // Notices already sent are skipped up front: the hourly scan does no work for an arrears run it has reported.
  const sent = await sentDedupeKeys(ctx, due.flatMap((d) => [d.reminderKey, ...(d.s.level === 'lapse_review' ? [d.lapseKey] : [])]));
  for (const { row, s, runStart, reminderKey, lapseKey } of due) {
    const remindDone = sent.has(reminderKey);
    const lapseDone = s.level !== 'lapse_review' || sent.has(lapseKey);
    if (remindDone && lapseDone) continue;
    const data = { name: row.name, orgName: row.orgName, paidUntil: paidUntilFromUnpaid(row, openings.get(row.memberId) ?? null) ?? '（无记录）', months: s.consecutiveUnpaid, owed: yuan(s.owedFen), memberId: row.memberId };
    if (!remindDone) {
      const r = await sendNotification(ctx, { to: { memberIds: [row.memberId] }, template: 'dues.arrears_reminder', data, dedupeKey: reminderKey, orgId: row.orgId });
      reminded += r.created > 0 ? 1 : 0;
    }
    if (!lapseDone) {
      const r = await sendNotification(ctx, {
        to: { orgRoles: [{ orgId: row.orgId, roles: ['secretary', 'organiser'] }, { orgId: row.orgId, roles: ['org_admin'], levelsUp: 1 }] },
        template: 'dues.lapse_review',
        data,
        dedupeKey: lapseKey,
        orgId: row.orgId,
      });
      if (r.created > 0) {
        flagged += 1;
        await inTransaction(ctx, (tx) =>
          writeAudit(tx, { action: 'dues.arrears.flag', targetType: 'member', targetId: row.memberId, targetOrgPath: row.orgPath, details: { consecutiveUnpaid: s.consecutiveUnpaid, runStart } }),
        );
      }
    }
  }
  return { reminded, flagged };
}

/** For the job runner. */
export const onArrearsScan = async (ctx: Ctx) => void (await scanArrears(ctx));
