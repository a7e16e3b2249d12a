import crypto from 'node:crypto';
import type { z } from 'zod';
import { separatedDutyRoles, type Permission } from '@xianfeng/contracts/account/account.permissions';
import type { AccountView, accountListQuery, createAccountBody } from '@xianfeng/contracts/account/account.schemas';
import type { Actor, Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { can, coveredPaths, coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import * as repo from './account.admin.repository.ts';
import * as accountRepo from './account.repository.ts';
import { passwordProblem } from './account.rules.ts';
import { createAccount, grantRole, hashPassword } from './account.service.ts';
import { findOrg } from '../org/org.service.ts';
import { findMemberBrief } from '../member/member.service.ts';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGIT = '23456789';
const SYMBOL = '#@%+=!?';

function pick(alphabet: string): string {
  return alphabet[crypto.randomInt(alphabet.length)]!;
}

/** A random 16-character temporary password with all four classes, meeting the password policy. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const all = UPPER + LOWER + DIGIT + SYMBOL;
    const chars = [pick(UPPER), pick(LOWER), pick(DIGIT), pick(SYMBOL), ...Array.from({ length: 12 }, () => pick(all))];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const pw = chars.join('');
    if (passwordProblem(pw, { username }) === null) return pw;
  }
}

/** Callers whose grant is at a top-level org also see accounts with no grant and no member (e.g. just created, all grants revoked). */
function scopeOf(actor: Actor, permission: Permission) {
  const paths = coveredPaths(actor, permission);
  const topLevel = paths.some((p) => p.split('/').filter(Boolean).length === 1);
  return repo.accountInSubtrees(paths, topLevel);
}

async function toViews(ctx: Ctx, list: repo.AccountListRow[]): Promise<AccountView[]> {
  const grants = await repo.findGrantsOfAccounts(
    ctx.db,
    list.map((a) => a.id),
  );
  const now = ctx.clock.now().getTime();
  return list.map((a) => ({
    id: a.id,
    username: a.username,
    kind: a.kind,
    displayName: a.displayName,
    disabled: a.disabled,
    locked: !!a.lockedUntil && new Date(a.lockedUntil).getTime() > now,
    memberId: a.memberId,
    grants: grants.filter((g) => g.accountId === a.id).map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgName })),
  }));
}

async function viewOf(ctx: Ctx, id: string): Promise<AccountView> {
  const row = await accountRepo.findAccountById(ctx.db, id);
  if (!row) throw notFound();
  return (await toViews(ctx, [{ id: row.id, username: row.username, kind: row.kind, displayName: row.displayName, disabled: row.disabled, lockedUntil: row.lockedUntil, memberId: row.memberId }]))[0]!;
}

export async function listAccounts(ctx: Ctx, q: z.infer<typeof accountListQuery>) {
  const actor = requirePermission(ctx, 'account.read');
  const { items, total } = await repo.findAccountsInScope(ctx.db, { scope: scopeOf(actor, 'account.read'), q: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toViews(ctx, items), total, page: q.page, pageSize: q.pageSize };
}

export async function getAccount(ctx: Ctx, input: { id: string }): Promise<AccountView> {
  const actor = requirePermission(ctx, 'account.read');
  const a = await repo.findAccountInScope(ctx.db, input.id, scopeOf(actor, 'account.read'));
  if (!a) throw notFound();
  return (await toViews(ctx, [a]))[0]!;
}

/**
 * Creates an account with a random temporary password and its first grant, in one transaction. Every grant
 * rule applies (逐级授权; 三员 only by the 安全管理员). The password is answered once and never stored in plaintext.
 */
export async function createManagedAccount(ctx: Ctx, input: z.infer<typeof createAccountBody>): Promise<AccountView & { temporaryPassword: string }> {
  const actor = requirePermission(ctx, 'account.write');
  const password = temporaryPassword(input.username);
  const id = await inTransaction(ctx, async (tx) => {
    const org = await findOrg(tx, input.orgId);
    if (!org || !can(actor, 'account.write', org.path)) throw fieldError('GRANT_OUT_OF_SUBTREE', 'orgId');
    if (input.memberId) {
      const m = await findMemberBrief(tx, input.memberId);
      if (!m || !can(actor, 'member.read', m.orgPath)) throw fieldError('NOT_FOUND', 'memberId', '党员不存在或不在您的管理范围内');
      if (await repo.findAccountByMember(tx.db, input.memberId)) throw fieldError('ACCOUNT_MEMBER_LINKED', 'memberId');
    }
    if (await accountRepo.findAccountByUsername(tx.db, input.username)) throw fieldError('ACCOUNT_USERNAME_TAKEN', 'username');
    const created = await createAccount(tx, { username: input.username, kind: input.kind, password, displayName: input.displayName, memberId: input.memberId ?? null });
    await grantRole(tx, { accountId: created.id, role: input.role, orgId: input.orgId });
    return created.id;
  });
  return { ...(await viewOf(ctx, id)), temporaryPassword: password };
}

/**
 * The account the caller may manage: inside the caller's account.write scope (else 404), never oneself,
 * every grant of it covered (else 422), and a 三员 account only by the 安全管理员.
 */
async function managedAccount(tx: Ctx, actor: Actor, id: string) {
  const a = await repo.findAccountInScope(tx.db, id, scopeOf(actor, 'account.write'));
  if (!a) throw notFound();
  if (a.id === actor.accountId) throw new AppError('ACCOUNT_SELF');
  const grants = await repo.findGrantsOfAccounts(tx.db, [a.id]);
  if (grants.some((g) => separatedDutyRoles.includes(g.role)) && !actor.grants.some((g) => g.role === 'security_admin')) throw new AppError('ACCOUNT_SEPARATED_RESERVED');
  if (grants.some((g) => !can(actor, 'account.write', g.orgPath))) throw new AppError('ACCOUNT_BEYOND_SCOPE');
  const member = a.memberId ? await findMemberBrief(tx, a.memberId) : undefined;
  const anchor = grants[0]?.orgPath ?? member?.orgPath ?? null;
  return { account: a, anchor, actingForOrgId: anchor ? (coveringGrant(actor, 'account.write', anchor)?.orgId ?? null) : null };
}

export async function resetAccountPassword(ctx: Ctx, input: { id: string }): Promise<{ temporaryPassword: string }> {
  const actor = requirePermission(ctx, 'account.write');
  return inTransaction(ctx, async (tx) => {
    const { account, anchor, actingForOrgId } = await managedAccount(tx, actor, input.id);
    const password = temporaryPassword(account.username);
    const now = tx.clock.now();
    await repo.setPassword(tx.db, account.id, await hashPassword(password), now);
    const revokedSessions = await repo.revokeSessionsOf(tx.db, account.id, now);
    await writeAudit(tx, { action: 'account.password.reset', targetType: 'account', targetId: account.id, targetOrgPath: anchor, actingForOrgId, details: { username: account.username, revokedSessions } });
    return { temporaryPassword: password };
  });
}

export async function setAccountLocked(ctx: Ctx, input: { id: string; locked: boolean }): Promise<AccountView> {
  const actor = requirePermission(ctx, 'account.write');
  await inTransaction(ctx, async (tx) => {
    const { account, anchor, actingForOrgId } = await managedAccount(tx, actor, input.id);
    await repo.setDisabled(tx.db, account.id, input.locked);
    const revokedSessions = input.locked ? await repo.revokeSessionsOf(tx.db, account.id, tx.clock.now()) : 0;
    await writeAudit(tx, {
      action: input.locked ? 'account.lock' : 'account.unlock',
      targetType: 'account',
      targetId: account.id,
      targetOrgPath: anchor,
      actingForOrgId,
      details: input.locked ? { username: account.username, revokedSessions } : { username: account.username },
    });
  });
  return viewOf(ctx, input.id);
}
