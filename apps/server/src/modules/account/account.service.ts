import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { rolePermissions, type AccountKind, type Permission, type Role } from '@xianfeng/contracts/account/account.permissions';
import type { MeView } from '@xianfeng/contracts/account/account.schemas';
import type { Actor, Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { can, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { rows } from '../../platform/db/db.ts';
import { sql } from 'drizzle-orm';
import * as repo from './account.repository.ts';
import { grantRefusal, passwordProblem, violatesSeparationOfDuties } from './account.rules.ts';
import { getPlatformSetting } from '../settings/settings.service.ts';
import { findOrg } from '../org/org.service.ts';
import { maskIdNumber, maskPhone, parseIdNumber } from '../member/member.service.ts';

// Algorithm.Argon2id (a const enum, not importable under isolatedModules).
const ARGON = { algorithm: 2 as Algorithm };
/** Verified against when the username is unknown, so both paths take the same time. */
let dummyHash: string | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

function sessionId(ctx: Ctx, token: string): string {
  return ctx.crypto.sm3(`session:${token}`);
}

export function actorFromGrants(a: repo.AccountRow, grants: repo.GrantRow[]): Actor {
  return {
    accountId: a.id,
    username: a.username,
    kind: a.kind,
    displayName: a.displayName,
    memberId: a.memberId,
    grants: grants.map((g) => ({ role: g.role, orgId: g.orgId, orgPath: g.orgPath, permissions: rolePermissions[g.role] ?? [] })),
  };
}

/**
 * People type their ID number or phone into the username box; the audit trail must not keep it in
 * plaintext (ARCHITECTURE §7: no plaintext ID number or phone anywhere in the database).
 */
export function maskIdentifier(username: string): string {
  const u = username.trim();
  if (/^\d{14,17}[\dXx]$/.test(u)) return maskIdNumber(u);
  if (/^\+?\d{11,13}$/.test(u)) return maskPhone(u.slice(-11));
  return u;
}

/**
 * Applicant accounts (kind `applicant`, 发展党员 H5) log in with their ID number. Their username is a keyed hash of
 * the normalised ID number, so the login box finds them while no plaintext ID number is stored (ARCHITECTURE §7).
 */
export function applicantUsername(ctx: Pick<Ctx, 'crypto'>, normalisedIdNumber: string): string {
  return `applicant:${ctx.crypto.mac('applicant-username', normalisedIdNumber).slice(0, 40)}`;
}

/** The applicant account behind an ID number typed into the login box, if any. */
async function findApplicantByIdNumber(ctx: Ctx, typed: string): Promise<repo.AccountRow | undefined> {
  const parsed = parseIdNumber(typed, ctx.clock.today());
  if (typeof parsed === 'string') return undefined;
  const a = await repo.findAccountByUsername(ctx.db, applicantUsername(ctx, parsed.normalised));
  return a?.kind === 'applicant' ? a : undefined;
}

type LoginOutcome = { ok: true; token: string; actor: Actor } | { ok: false; code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_LOCKED' | 'AUTH_DISABLED' };

/**
 * Password login. 5 failures (a setting) lock the account for 30 minutes (GB/T 22239 8.1.4.1 b); every
 * attempt is audited. The failure bookkeeping commits even though the request then answers 401.
 */
export async function login(ctx: Ctx, input: { username: string; password: string }): Promise<{ token: string; actor: Actor }> {
  const outcome = await inTransaction(ctx, async (tx): Promise<LoginOutcome> => {
    const now = tx.clock.now();
    const a = (await repo.findAccountByUsername(tx.db, input.username)) ?? (await findApplicantByIdNumber(tx, input.username));
    const audit = (result: 'ok' | 'denied', reason?: string, accountId?: string) =>
      writeAudit(tx, { action: 'auth.login', targetType: 'account', targetId: accountId ?? null, result, details: { username: maskIdentifier(input.username), ...(reason ? { reason } : {}) } });
    if (!a) {
      // Same work, same answers and same lockout as for a real account: nothing tells them apart.
      dummyHash ??= await hashPassword('dummy-password-For-timing-1');
      await verify(dummyHash, input.password).catch(() => false);
      const probeIdx = tx.crypto.mac('login-probe', input.username.trim().toLowerCase());
      const probe = await repo.findLoginProbe(tx.db, probeIdx);
      if (probe?.lockedUntil && new Date(probe.lockedUntil) > now) {
        await audit('denied', 'unknown_username_locked');
        return { ok: false, code: 'AUTH_LOCKED' };
      }
      const max = await getPlatformSetting(tx, 'auth.maxFailedLogins');
      const lock = (probe?.failedLogins ?? 0) + 1 >= max ? new Date(now.getTime() + (await getPlatformSetting(tx, 'auth.lockMinutes')) * 60_000) : null;
      await repo.recordProbeFailure(tx.db, probeIdx, now, lock);
      await audit('denied', 'unknown_username');
      return { ok: false, code: lock ? 'AUTH_LOCKED' : 'AUTH_INVALID_CREDENTIALS' };
    }
    if (a.lockedUntil && new Date(a.lockedUntil) > now) {
      await audit('denied', 'locked', a.id);
      return { ok: false, code: 'AUTH_LOCKED' };
    }
    const good = await verify(a.passwordHash, input.password).catch(() => false);
    if (!good) {
      const max = await getPlatformSetting(tx, 'auth.maxFailedLogins');
      const lock = a.failedLogins + 1 >= max ? new Date(now.getTime() + (await getPlatformSetting(tx, 'auth.lockMinutes')) * 60_000) : null;
      await repo.recordFailedLogin(tx.db, a.id, lock);
      await audit('denied', lock ? 'bad_password_locked' : 'bad_password', a.id);
      return { ok: false, code: lock ? 'AUTH_LOCKED' : 'AUTH_INVALID_CREDENTIALS' };
    }
    if (a.disabled) {
      await audit('denied', 'disabled', a.id);
      return { ok: false, code: 'AUTH_DISABLED' };
    }
    await repo.resetFailedLogins(tx.db, a.id);
    const token = crypto.randomBytes(32).toString('base64url');
    const hours = await getPlatformSetting(tx, 'auth.absoluteHours');
    await repo.insertSession(tx.db, { id: sessionId(tx, token), accountId: a.id, now, expiresAt: new Date(now.getTime() + hours * 3_600_000), ip: tx.ip });
    const actor = actorFromGrants(a, await repo.findActiveGrants(tx.db, a.id));
    await writeAudit({ ...tx, actor }, { action: 'auth.login', targetType: 'account', targetId: a.id, details: { username: a.username } });
    return { ok: true, token, actor };
  });
  if (!outcome.ok) throw new AppError(outcome.code);
  return { token: outcome.token, actor: outcome.actor };
}

/**
 * The actor behind a session token, or an error. Idle (30 min) and absolute (12 h) limits are settings;
 * activity is written at most once a minute (ARCHITECTURE §9), not on every request.
 */
export async function resolveSession(ctx: Ctx, token: string): Promise<Actor> {
  const s = await repo.findSessionWithActor(ctx.db, sessionId(ctx, token));
  const now = ctx.clock.now();
  if (!s || s.revokedAt) throw new AppError('AUTH_SESSION_EXPIRED');
  const idleMs = (await getPlatformSetting(ctx, 'auth.idleMinutes')) * 60_000;
  const idle = now.getTime() - Date.parse(s.lastSeenAt);
  if (Date.parse(s.expiresAt) <= now.getTime() || idle > idleMs) throw new AppError('AUTH_SESSION_EXPIRED');
  if (!s.account || s.account.disabled) throw new AppError('AUTH_SESSION_EXPIRED');
  if (idle > 60_000) await repo.touchSession(ctx.db, s.id, now);
  return actorFromGrants(s.account, s.grants);
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const s = await repo.findSession(tx.db, sessionId(tx, token));
    if (!s || s.revokedAt) return;
    await repo.revokeSession(tx.db, s.id, tx.clock.now());
    await writeAudit(tx, { action: 'auth.logout', targetType: 'account', targetId: s.accountId });
  });
}

export function toMe(actor: Actor, demo: boolean): MeView {
  return {
    accountId: actor.accountId,
    username: actor.username,
    kind: actor.kind,
    roles: [...new Set(actor.grants.map((g) => g.role))],
    grants: actor.grants.map((g) => ({ role: g.role, orgId: g.orgId })),
    memberId: actor.memberId,
    displayName: actor.displayName,
    permissions: [...new Set(actor.grants.flatMap((g) => g.permissions))].sort(),
    demo,
  };
}

/** Creates an account; the password must meet the policy. */
export async function createAccount(
  ctx: Ctx,
  input: { username: string; kind: AccountKind; password: string; displayName?: string | null; memberId?: string | null; phone?: string | null },
): Promise<{ id: string }> {
  const problem = passwordProblem(input.password, { username: input.username, phone: input.phone ?? null });
  if (problem === 'weak') throw fieldError('ACCOUNT_PASSWORD_WEAK', 'password');
  if (problem === 'identity') throw fieldError('ACCOUNT_PASSWORD_CONTAINS_IDENTITY', 'password');
  return inTransaction(ctx, async (tx) => {
    let id: string;
    try {
      id = await repo.insertAccount(tx.db, {
        username: input.username,
        kind: input.kind,
        displayName: input.displayName ?? null,
        passwordHash: await hashPassword(input.password),
        memberId: input.memberId ?? null,
        phoneIdx: input.phone ? tx.crypto.blindIndex('phone', input.phone) : null,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError('ACCOUNT_USERNAME_TAKEN', 'username');
      throw err;
    }
    await writeAudit(tx, { action: 'account.create', targetType: 'account', targetId: id, details: { username: input.username, kind: input.kind } });
    return { id };
  });
}

function holdingsAt(actor: Actor, path: string): { permissions: Set<Permission>; roles: Set<Role> } {
  const covering = actor.grants.filter((g) => path.startsWith(g.orgPath));
  return { permissions: new Set(covering.flatMap((g) => g.permissions)), roles: new Set(covering.map((g) => g.role)) };
}

/** Grants a role at an org (逐级授权): only downward, only what the grantor holds there, never to oneself. */
export async function grantRole(ctx: Ctx, input: { accountId: string; role: Role; orgId: string; bootstrap?: boolean }) {
  return inTransaction(ctx, async (tx) => {
    const org = await findOrg(tx, input.orgId);
    const grantee = await repo.findAccountById(tx.db, input.accountId);
    if (!input.bootstrap) {
      const actor = requirePermission(tx, 'account.grant');
      if (!org || !can(actor, 'account.grant', org.path)) throw fieldError('GRANT_OUT_OF_SUBTREE', 'orgId');
      if (!grantee) throw fieldError('NOT_FOUND', 'accountId', '账号不存在');
      const h = holdingsAt(actor, org.path);
      const refusal = grantRefusal({ grantorAccountId: actor.accountId, granteeAccountId: grantee.id, role: input.role, grantorPermissionsAtTarget: h.permissions, grantorRolesAtTarget: h.roles });
      if (refusal === 'self') throw fieldError('GRANT_SELF', 'accountId');
      if (refusal === 'reserved') throw fieldError('GRANT_SEPARATED_ROLE_RESERVED', 'role');
      if (refusal === 'not_held') throw fieldError('GRANT_NOT_HELD', 'role');
    }
    if (!org || !grantee) throw notFound();
    // A grant at a dissolved org would never take effect (sessions ignore dissolved orgs): refuse it.
    if (org.dissolvedOn) throw fieldError('ORG_DISSOLVED', 'orgId');
    const held = (await repo.findActiveGrants(tx.db, grantee.id)).map((g) => g.role);
    if (violatesSeparationOfDuties(held, input.role)) throw fieldError('GRANT_SEPARATION_OF_DUTIES', 'role');
    const created = await repo.insertGrant(tx.db, { accountId: grantee.id, role: input.role, orgId: org.id, grantedBy: tx.actor?.accountId ?? null });
    const grant = created ? { id: created.id, createdAt: created.createdAt } : (await repo.findActiveGrants(tx.db, grantee.id)).find((g) => g.role === input.role && g.orgId === org.id)!;
    await writeAudit(tx, { action: 'account.grant', targetType: 'account', targetId: grantee.id, targetOrgPath: org.path, actingForOrgId: org.id, details: { role: input.role, orgId: org.id } });
    return { id: grant.id, accountId: grantee.id, role: input.role, orgId: org.id, createdAt: new Date(grant.createdAt).toISOString() };
  });
}

export async function revokeGrant(ctx: Ctx, input: { grantId: string }) {
  const actor = requirePermission(ctx, 'account.grant');
  await inTransaction(ctx, async (tx) => {
    const g = await repo.findGrantById(tx.db, input.grantId);
    if (!g || !can(actor, 'account.grant', g.orgPath)) throw notFound();
    if (g.accountId === actor.accountId) throw fieldError('GRANT_SELF', 'grantId');
    const h = holdingsAt(actor, g.orgPath);
    if (grantRefusal({ grantorAccountId: actor.accountId, granteeAccountId: g.accountId, role: g.role, grantorPermissionsAtTarget: h.permissions, grantorRolesAtTarget: h.roles })) {
      throw fieldError('GRANT_NOT_HELD', 'grantId');
    }
    await repo.revokeGrant(tx.db, g.id, tx.clock.now());
    await writeAudit(tx, { action: 'account.revoke', targetType: 'account', targetId: g.accountId, targetOrgPath: g.orgPath, details: { role: g.role, orgId: g.orgId } });
  });
}

export function currentActor(ctx: Ctx): Actor {
  return requireActor(ctx);
}

// ---- for other modules (no permission checks: callers check their own scope) ----

/** Accounts linked to member files (a member's own account), for notifications. */
export async function findAccountsOfMembers(ctx: Ctx, memberIds: string[]): Promise<{ accountId: string; memberId: string }[]> {
  if (memberIds.length === 0) return [];
  return rows<{ accountId: string; memberId: string }>(
    ctx.db,
    sql`SELECT id AS "accountId", member_id AS "memberId" FROM account WHERE NOT disabled AND member_id IN (${sql.join(
      memberIds.map((m) => sql`${m}`),
      sql`, `,
    )})`,
  );
}

/** Accounts holding one of the roles by a grant exactly at one of the orgs ("the secretary of org X"). */
export async function findAccountsWithRoleAt(ctx: Ctx, input: { orgIds: string[]; roles: Role[] }): Promise<{ accountId: string; orgId: string; role: Role }[]> {
  if (input.orgIds.length === 0 || input.roles.length === 0) return [];
  return rows<{ accountId: string; orgId: string; role: Role }>(
    ctx.db,
    sql`SELECT g.account_id AS "accountId", g.org_id AS "orgId", g.role FROM "grant" g JOIN account a ON a.id = g.account_id
        WHERE g.revoked_at IS NULL AND NOT a.disabled
          AND g.org_id IN (${sql.join(
            input.orgIds.map((o) => sql`${o}`),
            sql`, `,
          )})
          AND g.role IN (${sql.join(
            input.roles.map((r) => sql`${r}`),
            sql`, `,
          )})`,
  );
}

export async function findAccountBrief(ctx: Ctx, accountId: string): Promise<{ id: string; username: string; displayName: string | null; memberId: string | null; disabled: boolean } | undefined> {
  const a = await repo.findAccountById(ctx.db, accountId);
  return a ? { id: a.id, username: a.username, displayName: a.displayName, memberId: a.memberId, disabled: a.disabled } : undefined;
}

/** For other modules: whether an active account holds some grant at the org or one of its ancestors (staff there). */
export async function accountCoversOrg(ctx: Ctx, input: { accountId: string; orgPath: string }): Promise<boolean> {
  const a = await repo.findAccountById(ctx.db, input.accountId);
  if (!a || a.disabled) return false;
  return (await repo.findActiveGrants(ctx.db, a.id)).some((g) => input.orgPath.startsWith(g.orgPath) && g.role !== 'member');
}
