import { timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { z } from 'zod';
import type { checkInBody, checkInTokenView, checkInView, leaveDecisionBody } from '@xianfeng/contracts/life/life.schemas';
import { businessMinute } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as repo from './life.repository.ts';
import { findMemberBrief } from '../member/member.service.ts';
import { loadMeetingFor } from './life.service.ts';

/**
 * Venue check-in. The screen shows a QR code of `/m/check-in?token=…`; the token names the meeting and a
 * 30-second slot and carries an HMAC-SM3 under a server key, so it cannot be forged. A token is accepted
 * in its own slot and the next one (a phone that scanned a moment before the code changed), and only
 * inside the check-in window around the start — a photo of the screen sent to someone at home stops
 * working within a minute. Scanning twice records the first time.
 */
export const SLOT_MS = 30_000;
const MINUTE = 60_000;
const PURPOSE = 'life-check-in';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

function sign(ctx: Ctx, meetingId: string, slot: number): string {
  return Buffer.from(ctx.crypto.mac(PURPOSE, `${meetingId}.${slot}`), 'hex').subarray(0, 16).toString('base64url');
}

async function windowOf(ctx: Ctx, m: repo.MeetingRow): Promise<{ opens: Date; closes: Date }> {
  const minutes = await getEffectiveSetting(ctx, m.orgPath, 'life.checkInWindowMinutes');
  const start = new Date(m.startsAt).getTime();
  return { opens: new Date(start - minutes * MINUTE), closes: new Date(start + minutes * MINUTE) };
}

const open = (m: repo.MeetingRow) => ['planned', 'in_progress'].includes(m.status);

/** GET /api/meetings/:id/check-in-token — the organiser's venue screen polls this every slot. */
export async function checkInToken(ctx: Ctx, input: { id: string; origin: string }): Promise<z.infer<typeof checkInTokenView>> {
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  if (!open(m)) throw new AppError('LIFE_STATUS_INVALID');
  const now = ctx.clock.now().getTime();
  const { opens, closes } = await windowOf(ctx, m);
  const slot = Math.floor(now / SLOT_MS);
  const token = `${b64(m.id)}.${slot.toString(36)}.${sign(ctx, m.id, slot)}`;
  const url = `/m/check-in?token=${encodeURIComponent(token)}`;
  return {
    token,
    url,
    qrDataUrl: await QRCode.toDataURL(`${input.origin}${url}`, { errorCorrectionLevel: 'M', margin: 1, width: 480 }),
    expiresAt: new Date((slot + 2) * SLOT_MS).toISOString(),
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
  };
}

/** The meeting a token names, if its signature and slot are good now; null for anything forged, altered or stale. */
function readToken(ctx: Ctx, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [idPart, slotPart, macPart] = parts as [string, string, string];
  const meetingId = Buffer.from(idPart, 'base64url').toString('utf8');
  const slot = parseInt(slotPart, 36);
  if (!/^[0-9a-f-]{36}$/.test(meetingId) || !Number.isSafeInteger(slot) || slot.toString(36) !== slotPart) return null;
  const current = Math.floor(ctx.clock.now().getTime() / SLOT_MS);
  if (slot !== current && slot !== current - 1) return null;
  const expected = Buffer.from(sign(ctx, meetingId, slot));
  const given = Buffer.from(macPart);
  return expected.length === given.length && timingSafeEqual(expected, given) ? meetingId : null;
}

/**
 * POST /api/meetings/:id/check-ins: a member with the venue token; a 流动党员 attending through the
 * meeting's online link (self, inside the same window); or the organiser marking someone by hand with a
 * reason (present, or online for a mobile member).
 */
export async function checkIn(ctx: Ctx, input: { id: string; body: z.infer<typeof checkInBody> }): Promise<z.infer<typeof checkInView>> {
  const actor = requireActor(ctx);
  const body = input.body;
  const mode = 'token' in body ? 'qr' : 'memberId' in body ? 'manual' : 'link';
  const self = mode !== 'manual';
  const m = await loadMeetingFor(ctx, input.id, self ? 'life.read' : 'life.write');
  if (!open(m)) throw new AppError('LIFE_STATUS_INVALID');
  const now = ctx.clock.now();
  let memberId: string;
  if (self) {
    if (mode === 'qr' && readToken(ctx, (body as { token: string }).token) !== m.id) throw fieldError('LIFE_CHECK_IN_TOKEN_INVALID', 'token');
    if (mode === 'link' && !m.onlineUrl) throw fieldError('LIFE_ONLINE_NOT_OFFERED', 'online');
    const { opens, closes } = await windowOf(ctx, m);
    if (now < opens || now > closes) throw fieldError('LIFE_CHECK_IN_CLOSED', mode === 'qr' ? 'token' : 'online', `不在签到时间内（${hm(opens)}–${hm(closes)}）`);
    if (!actor.memberId) throw new AppError('LIFE_NOT_EXPECTED');
    memberId = actor.memberId;
    // Online attendance is for members away from the branch: 流动党员 (管理类别 共管; 党员教育管理工作条例
    // 第三十二条), through the online platform the 条例 supports (第三十七条). Others come, or ask for leave.
    if (mode === 'link' && (await findMemberBrief(ctx, memberId))?.category !== 'mobile') throw new AppError('LIFE_ONLINE_NOT_OFFERED', { message: '线上参会面向流动党员；其他党员请到会场扫码签到，或向支部请假' });
  } else {
    memberId = (body as { memberId: string }).memberId;
    // Marking by hand records who was there: not before the check-in window opens (a late entry, 补录, is
    // recorded after the fact anyway), and online only for a 流动党员, as above.
    const { opens } = await windowOf(ctx, m);
    if (now < opens && !m.lateEntry) throw fieldError('LIFE_CHECK_IN_CLOSED', 'memberId', `会议尚未开始：${hm(opens)} 起可以补签`);
    if ((body as { online?: boolean }).online && (await findMemberBrief(ctx, memberId))?.category !== 'mobile') {
      throw fieldError('LIFE_ONLINE_NOT_OFFERED', 'online', '线上参会：只有流动党员可以登记为线上参会');
    }
  }
  const reason = mode === 'manual' ? (body as { reason: string }).reason : null;
  return inTransaction(ctx, async (tx) => {
    const a = await repo.findAttendee(tx.db, m.id, memberId);
    if (!a) throw self ? new AppError('LIFE_NOT_EXPECTED') : fieldError('LIFE_NOT_EXPECTED', 'memberId', '党员：不在本次会议的人员名单中');
    if (self && a.checkedInAt) {
      return { memberId, attendance: a.attendance ?? 'present', checkedInAt: new Date(a.checkedInAt).toISOString(), method: a.method ?? 'qr' };
    }
    const attendance = mode === 'link' || (mode === 'manual' && (body as { online?: boolean }).online) ? 'online' : 'present';
    const method = mode === 'manual' ? 'manual' : mode === 'link' ? 'link' : 'qr';
    await repo.markAttendance(tx.db, { meetingId: m.id, memberId, attendance, method, reason, by: actor.accountId, at: now });
    await repo.setStatus(tx.db, m.id, ['planned'], 'in_progress', now);
    if (mode === 'manual') {
      // Marking by hand is the path a back-filler would take: every one is audited with its reason.
      await writeAudit(tx, {
        action: 'life.check_in.manual',
        targetType: 'meeting',
        targetId: m.id,
        targetOrgPath: m.orgPath,
        actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
        details: { memberId, attendance, reason },
      });
    }
    const after = await repo.findAttendee(tx.db, m.id, memberId);
    return { memberId, attendance, checkedInAt: new Date(after!.checkedInAt!).toISOString(), method };
  });
}

const hm = (d: Date) => businessMinute(d).slice(11);

/** POST /api/meetings/:id/leave-requests — a member on the list asks for leave before the meeting ends. */
export async function requestLeave(ctx: Ctx, input: { id: string; reason: string }) {
  const actor = requireActor(ctx);
  const m = await loadMeetingFor(ctx, input.id);
  if (!actor.memberId) throw notFound();
  if (!open(m) || ctx.clock.now() > new Date(m.endsAt)) throw new AppError('LIFE_STATUS_INVALID');
  const memberId = actor.memberId;
  if (!(await repo.isOnList(ctx.db, m.id, memberId))) throw new AppError('LIFE_NOT_EXPECTED');
  const id = await repo.insertLeaveRequest(ctx.db, { meetingId: m.id, memberId, reason: input.reason, at: ctx.clock.now() });
  if (!id) throw new AppError('LIFE_LEAVE_ALREADY_REQUESTED');
  const all = await repo.findLeaveRequests(ctx.db, m.id);
  const mine = all.find((l) => l.id === id)!;
  return { ...mine, createdAt: new Date(mine.createdAt).toISOString() };
}

/** The organiser approves (the member is on leave, not absent) or refuses a leave request, with a reason. */
export async function decideLeave(ctx: Ctx, input: { id: string; requestId: string } & z.infer<typeof leaveDecisionBody>) {
  const actor = requireActor(ctx);
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  if (input.decision === 'refuse' && !input.reason) throw fieldError('VALIDATION_FAILED', 'reason', '不批准请假须说明理由');
  return inTransaction(ctx, async (tx) => {
    // Decided while the record can still change: never on a confirmed, approved or cancelled one.
    const status = await repo.lockMeeting(tx.db, m.id);
    if (!status || !['planned', 'in_progress', 'minutes_draft', 'returned'].includes(status)) throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录已确认或已取消，不能再处理请假' });
    const req = (await repo.findLeaveRequests(tx.db, m.id)).find((l) => l.id === input.requestId);
    if (!req) throw notFound();
    const decided = input.decision === 'approve' ? ('approved' as const) : ('refused' as const);
    if (!(await repo.decideLeaveRequest(tx.db, { id: req.id, status: decided, reason: input.reason ?? null, by: actor.accountId }))) throw new AppError('LIFE_STATUS_INVALID', { message: '这条请假已经处理过' });
    if (decided === 'approved') await repo.markOnLeave(tx.db, { meetingId: m.id, memberId: req.memberId, by: actor.accountId });
    await writeAudit(tx, {
      action: 'life.leave.decide',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: { requestId: req.id, memberId: req.memberId, decision: decided, reason: input.reason ?? null },
    });
    return { ...req, status: decided, decidedReason: input.reason ?? null, createdAt: new Date(req.createdAt).toISOString() };
  });
}
