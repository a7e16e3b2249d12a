import type { Role } from '@xianfeng/contracts/account/account.permissions';
import { notifyTemplates, renderTemplate, type NotifyTemplateKey } from '@xianfeng/contracts/notify/notify.templates';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import * as repo from './notify.repository.ts';
import { nextAllowedInstant } from './notify.rules.ts';
import type { ExternalChannel } from './notify.channels.ts';
import { ancestorsOf } from '../org/org.service.ts';
import { accountCoversOrg, findAccountsOfMembers, findAccountsWithRoleAt } from '../account/account.service.ts';
import { findMemberBrief, findMemberPhoneForDelivery } from '../member/member.service.ts';
import { getPlatformSetting } from '../settings/settings.service.ts';

export interface Recipients {
  accountIds?: string[];
  memberIds?: string[];
  /**
   * Accounts holding one of `roles` by a grant at `orgId` ("the secretary of org X"); with `levelsUp: 1`,
   * at the nearest ancestor that has such accounts ("the admins one level up").
   */
  orgRoles?: { orgId: string; roles: Role[]; levelsUp?: 0 | 1 }[];
}

export interface SendInput {
  to: Recipients;
  template: NotifyTemplateKey;
  data: Record<string, unknown>;
  /** External channels wanted (each recipient's preferences still decide); the inbox is always used. */
  channels?: ExternalChannel[];
  /** The same key reaches each recipient once, ever. */
  dedupeKey?: string;
  /** Not before this instant (scheduled): the whole send then runs as a job at that time. */
  notBefore?: Date;
  orgId?: string;
}

interface Target {
  accountId: string | null;
  memberId: string | null;
  onBehalfOf: string | null;
  /** External deliveries for this target: channel → plaintext destination (encrypted before storing). */
  external: { channel: ExternalChannel; to: string }[];
  suffix: string;
  /** For a proxy copy: the member it was meant for. */
  forMemberId?: string;
}

async function resolveTargets(ctx: Ctx, to: Recipients, wanted: ExternalChannel[]): Promise<Target[]> {
  const targets = new Map<string, Target>();
  const addAccount = (accountId: string, memberId: string | null = null) => {
    if (!targets.has(`a:${accountId}`)) targets.set(`a:${accountId}`, { accountId, memberId, onBehalfOf: null, external: [], suffix: '' });
  };
  for (const a of to.accountIds ?? []) addAccount(a);
  for (const r of to.orgRoles ?? []) {
    let found = await findAccountsWithRoleAt(ctx, { orgIds: [r.orgId], roles: r.roles });
    if (r.levelsUp === 1) {
      found = [];
      for (const up of await ancestorsOf(ctx, r.orgId)) {
        found = await findAccountsWithRoleAt(ctx, { orgIds: [up.id], roles: r.roles });
        if (found.length) break;
      }
    }
    for (const f of found) addAccount(f.accountId);
  }
  const memberIds = [...new Set(to.memberIds ?? [])];
  const own = new Map((await findAccountsOfMembers(ctx, memberIds)).map((a) => [a.memberId, a.accountId]));
  const care = new Map((await repo.findCare(ctx.db, memberIds)).map((c) => [c.memberId, c]));
  for (const memberId of memberIds) {
    const accountId = own.get(memberId) ?? null;
    const c = care.get(memberId);
    const t: Target = accountId
      ? (targets.get(`a:${accountId}`) ?? { accountId, memberId, onBehalfOf: null, external: [], suffix: '' })
      : { accountId: null, memberId, onBehalfOf: null, external: [], suffix: '' };
    if (c?.deliverTo === 'family' && c.familyPhoneEnc && wanted.includes('sms')) {
      // 家属代收: the family contact gets the SMS, whatever the member's own channel choices.
      t.external.push({ channel: 'sms', to: ctx.crypto.decryptField(c.familyPhoneEnc, `member_care|familyPhone|${memberId}`) });
    }
    const brief = c?.deliverTo === 'grid_worker' && c.gridWorkerAccountId ? await findMemberBrief(ctx, memberId) : undefined;
    // Re-checked at send time: a grid worker since disabled or moved away no longer receives.
    if (c?.gridWorkerAccountId && brief && (await accountCoversOrg(ctx, { accountId: c.gridWorkerAccountId, orgPath: brief.orgPath }))) {
      targets.set(`gw:${memberId}`, { accountId: c.gridWorkerAccountId, memberId: null, onBehalfOf: brief.name, external: [], suffix: `:for:${memberId}`, forMemberId: memberId });
    }
    if (accountId || t.external.length) targets.set(accountId ? `a:${accountId}` : `m:${memberId}`, t);
  }
  return [...targets.values()];
}

/**
 * `notify.send` for every module: resolves recipients (accounts, members, org roles), writes one inbox
 * entry per recipient (deduped by key) and queues external deliveries — all in the caller's transaction,
 * so a rolled-back change sends nothing (the job table is the outbox). Open pages hear about it after commit.
 */
/** For periodic senders: the dedupe keys among `keys` already sent, so a scan need not rebuild those notices. */
export function sentDedupeKeys(ctx: Ctx, keys: string[]): Promise<Set<string>> {
  return repo.findUsedDedupeKeys(ctx.db, keys);
}

export async function sendNotification(ctx: Ctx, input: SendInput): Promise<{ created: number }> {
  const spec = notifyTemplates[input.template];
  if (!spec) throw new AppError('NOTIFY_TEMPLATE_UNKNOWN');
  const now = ctx.clock.now();
  if (input.notBefore && input.notBefore > now) {
    await enqueueJob(ctx, {
      name: 'notify.send',
      payload: { ...input, notBefore: undefined },
      runAt: input.notBefore,
      ...(input.dedupeKey ? { dedupeKey: `send:${input.dedupeKey}` } : {}),
    });
    return { created: 0 };
  }
  return inTransaction(ctx, async (tx) => {
    const wanted = input.channels ?? [];
    const targets = await resolveTargets(tx, input.to, wanted);
    const accountIds = targets.map((t) => t.accountId).filter((a): a is string => !!a);
    const prefs = new Map((await repo.findPreferences(tx.db, accountIds)).map((p) => [p.accountId, p]));
    const defaultQuiet = { start: await getPlatformSetting(tx, 'notify.defaultQuietStart'), end: await getPlatformSetting(tx, 'notify.defaultQuietEnd') };
    let created = 0;
    const notified: string[] = [];
    for (const t of targets) {
      const p = t.accountId ? prefs.get(t.accountId) : undefined;
      const lang = p?.language ?? 'zh';
      const text = spec[lang];
      const data = { ...input.data, ...(t.onBehalfOf ? { onBehalfOf: t.onBehalfOf } : {}) };
      // A proxy copy says whose it is in `onBehalfOf` (clients show it); its SMS says so in the text.
      const title = renderTemplate(text.title, data);
      const id = await repo.insertNotification(tx.db, {
        accountId: t.accountId,
        memberId: t.accountId ? null : t.memberId,
        template: input.template,
        category: spec.category,
        title,
        body: renderTemplate(text.body, data),
        // A grid worker's copy leads to the member's file, not to the worker's own H5 page.
        link: t.onBehalfOf && t.forMemberId ? `/admin/members/${t.forMemberId}` : spec.link ? renderTemplate(spec.link, data) : null,
        data: input.data,
        dedupeKey: input.dedupeKey ? input.dedupeKey + t.suffix : null,
        onBehalfOf: t.onBehalfOf,
        orgId: input.orgId ?? null,
        at: now,
      });
      if (!id) continue;
      created += 1;
      if (t.accountId) notified.push(t.accountId);
      // The member's own phone, for members who chose SMS themselves.
      const external = [...t.external];
      if (t.accountId && t.memberId && p?.channels.includes('sms') && wanted.includes('sms') && !external.some((e) => e.channel === 'sms')) {
        const phone = await findMemberPhoneForDelivery(tx, t.memberId);
        if (phone) external.push({ channel: 'sms', to: phone });
      }
      if (t.accountId && p?.channels.includes('wechat') && wanted.includes('wechat')) external.push({ channel: 'wechat', to: t.accountId });
      const notBefore = nextAllowedInstant(now, p?.quietStart ?? defaultQuiet.start, p?.quietEnd ?? defaultQuiet.end);
      for (const e of external) {
        const d = await repo.insertDelivery(tx.db, { notificationId: id, channel: e.channel, targetEnc: tx.crypto.encryptField(e.to, `delivery|${id}|${e.channel}`), notBefore, at: now });
        if (d) await enqueueJob(tx, { name: 'notify.deliver', payload: { deliveryId: d.id }, dedupeKey: `deliver:${d.id}`, runAt: notBefore });
      }
    }
    tx.afterCommit(() => {
      for (const a of notified) tx.publish(a, { type: 'notification.created' });
    });
    return { created };
  });
}
