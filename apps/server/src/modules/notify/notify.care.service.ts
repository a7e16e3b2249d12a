import type { z } from 'zod';
import type { MemberCareView, PreferencesView, updateCareBody, updatePreferencesBody } from '@xianfeng/contracts/notify/notify.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, holdsAnywhere, requireActor } from '../../platform/access/access.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import * as repo from './notify.repository.ts';
import { accountCoversOrg, findAccountBrief } from '../account/account.service.ts';
import { findMemberBrief, maskPhone } from '../member/member.service.ts';
import { getPlatformSetting } from '../settings/settings.service.ts';

const familyAad = (memberId: string) => `member_care|familyPhone|${memberId}`;

function careView(ctx: Ctx, memberId: string, c: repo.CareRow | undefined): MemberCareView {
  return {
    memberId,
    birthdayGreetings: c?.birthdayGreetings ?? false,
    deliverTo: c?.deliverTo ?? 'self',
    familyName: c?.familyName ?? null,
    familyPhone: c?.familyPhoneEnc ? maskPhone(ctx.crypto.decryptField(c.familyPhoneEnc, familyAad(memberId))) : null,
    gridWorkerAccountId: c?.gridWorkerAccountId ?? null,
  };
}

export async function getMyPreferences(ctx: Ctx): Promise<PreferencesView> {
  const actor = requireActor(ctx);
  const p = (await repo.findPreferences(ctx.db, [actor.accountId]))[0];
  const care = actor.memberId ? careView(ctx, actor.memberId, (await repo.findCare(ctx.db, [actor.memberId]))[0]) : null;
  return {
    channels: p?.channels ?? [],
    quietStart: p?.quietStart ?? (await getPlatformSetting(ctx, 'notify.defaultQuietStart')),
    quietEnd: p?.quietEnd ?? (await getPlatformSetting(ctx, 'notify.defaultQuietEnd')),
    language: p?.language ?? 'zh',
    care,
  };
}

/** The caller's channels, quiet hours and language; a member's own care settings too. */
export async function updateMyPreferences(ctx: Ctx, input: z.infer<typeof updatePreferencesBody>): Promise<PreferencesView> {
  const actor = requireActor(ctx);
  // Only what the caller chose is stored: unset quiet hours keep following the (changeable) default.
  const stored = (await repo.findPreferences(ctx.db, [actor.accountId]))[0];
  await inTransaction(ctx, async (tx) => {
    await repo.upsertPreferences(
      tx.db,
      actor.accountId,
      {
        channels: input.channels ?? stored?.channels ?? [],
        quietStart: input.quietStart ?? stored?.quietStart ?? null,
        quietEnd: input.quietEnd ?? stored?.quietEnd ?? null,
        language: input.language ?? stored?.language ?? 'zh',
      },
      tx.clock.now(),
    );
    if (input.care) {
      if (!actor.memberId) throw new AppError('NOTIFY_NOT_A_MEMBER_ACCOUNT');
      await saveCare(tx, actor.memberId, input.care);
    }
    await writeAudit(tx, { action: 'notify.preferences.update', targetType: 'account', targetId: actor.accountId, details: { fields: Object.keys(input) } });
  });
  return getMyPreferences(ctx);
}

async function saveCare(ctx: Ctx, memberId: string, input: z.infer<typeof updateCareBody>): Promise<void> {
  const c = (await repo.findCare(ctx.db, [memberId]))[0];
  const next: repo.CareRow = {
    memberId,
    birthdayGreetings: input.birthdayGreetings ?? c?.birthdayGreetings ?? false,
    deliverTo: input.deliverTo ?? c?.deliverTo ?? 'self',
    familyName: input.familyName === undefined ? (c?.familyName ?? null) : input.familyName,
    familyPhoneEnc:
      input.familyPhone === undefined ? (c?.familyPhoneEnc ?? null) : input.familyPhone === null ? null : ctx.crypto.encryptField(input.familyPhone, familyAad(memberId)),
    gridWorkerAccountId: input.gridWorkerAccountId === undefined ? (c?.gridWorkerAccountId ?? null) : input.gridWorkerAccountId,
  };
  if (next.deliverTo === 'family' && (!next.familyName || !next.familyPhoneEnc)) throw fieldError('NOTIFY_FAMILY_CONTACT_REQUIRED', 'familyPhone');
  if (next.deliverTo === 'grid_worker' || (input.gridWorkerAccountId !== undefined && input.gridWorkerAccountId !== null)) {
    // A 网格员 is staff whose grant covers the member's organisation: not any account one can name.
    const gw = next.gridWorkerAccountId ? await findAccountBrief(ctx, next.gridWorkerAccountId) : undefined;
    const member = await findMemberBrief(ctx, memberId);
    const covers = gw && member ? await accountCoversOrg(ctx, { accountId: gw.id, orgPath: member.orgPath }) : false;
    if (!gw || gw.disabled || !covers) throw fieldError('NOTIFY_GRID_WORKER_REQUIRED', 'gridWorkerAccountId');
  }
  await repo.upsertCare(ctx.db, next, ctx.clock.now());
}

async function careMemberInScope(ctx: Ctx, memberId: string, permission: 'member.read' | 'member.write') {
  const actor = requireActor(ctx);
  if (actor.memberId !== memberId && !holdsAnywhere(actor, permission)) throw forbidden();
  const m = await findMemberBrief(ctx, memberId);
  if (!m || !(actor.memberId === m.id || can(actor, permission, m.orgPath))) throw notFound();
  return m;
}

/** A member's care settings (两个生日, who receives on their behalf): the member or staff in scope. */
export async function getMemberCare(ctx: Ctx, input: { memberId: string }): Promise<MemberCareView> {
  await careMemberInScope(ctx, input.memberId, 'member.read');
  return careView(ctx, input.memberId, (await repo.findCare(ctx.db, [input.memberId]))[0]);
}

/** Secretaries set them for elderly members without a phone of their own; audited (family phone never in the audit). */
export async function updateMemberCare(ctx: Ctx, input: { memberId: string; care: z.infer<typeof updateCareBody> }): Promise<MemberCareView> {
  const m = await careMemberInScope(ctx, input.memberId, 'member.write');
  await inTransaction(ctx, async (tx) => {
    await saveCare(tx, m.id, input.care);
    await writeAudit(tx, { action: 'notify.care.update', targetType: 'member', targetId: m.id, targetOrgPath: m.orgPath, details: { fields: Object.keys(input.care) } });
  });
  return getMemberCare(ctx, { memberId: m.id });
}
