import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import type { AccountKind, Role } from '@xianfeng/contracts/account/account.permissions';

export interface AccountRow {
  id: string;
  username: string;
  kind: AccountKind;
  displayName: string | null;
  passwordHash: string;
  memberId: string | null;
  failedLogins: number;
  /** timestamptz values come back from raw SQL as text on both engines. */
  lockedUntil: string | null;
  disabled: boolean;
}

const accountColumns = sql.raw(`id, username, kind, display_name AS "displayName", password_hash AS "passwordHash",
  member_id AS "memberId", failed_logins AS "failedLogins", locked_until AS "lockedUntil", disabled`);

export function findAccountByUsername(db: Db, username: string) {
  return one<AccountRow>(db, sql`SELECT ${accountColumns} FROM account WHERE username = ${username}`);
}

export function findAccountById(db: Db, id: string) {
  return one<AccountRow>(db, sql`SELECT ${accountColumns} FROM account WHERE id = ${id}`);
}

export async function insertAccount(db: Db, a: { username: string; kind: AccountKind; displayName: string | null; passwordHash: string; memberId: string | null; phoneIdx: string | null }) {
  return (await one<{ id: string }>(
    db,
    sql`INSERT INTO account (username, kind, display_name, password_hash, member_id, phone_idx)
        VALUES (${a.username}, ${a.kind}, ${a.displayName}, ${a.passwordHash}, ${a.memberId}, ${a.phoneIdx}) RETURNING id`,
  ))!.id;
}

export async function recordFailedLogin(db: Db, id: string, lockedUntil: Date | null) {
  await db.execute(
    lockedUntil
      ? sql`UPDATE account SET failed_logins = 0, locked_until = ${lockedUntil} WHERE id = ${id}`
      : sql`UPDATE account SET failed_logins = failed_logins + 1 WHERE id = ${id}`,
  );
}

export async function resetFailedLogins(db: Db, id: string) {
  await db.execute(sql`UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = ${id}`);
}

export interface GrantRow {
  id: string;
  accountId: string;
  role: Role;
  orgId: string;
  orgPath: string;
  createdAt: string;
}

/** The columns of a `GrantRow` (`g` a grant, `o` its org). */
const grantColumns = sql.raw(`g.id, g.account_id AS "accountId", g.role, g.org_id AS "orgId", o.path AS "orgPath", g.created_at AS "createdAt"`);
/** Active grants: not revoked, on an org not dissolved (`g` a grant, `o` its org). */
const activeGrant = sql.raw(`g.revoked_at IS NULL AND o.dissolved_on IS NULL`);

export function findActiveGrants(db: Db, accountId: string) {
  return rows<GrantRow>(
    db,
    sql`SELECT ${grantColumns}
        FROM "grant" g JOIN org o ON o.id = g.org_id
        WHERE g.account_id = ${accountId} AND ${activeGrant} ORDER BY o.path, g.role`,
  );
}

export function findGrantById(db: Db, id: string) {
  return one<GrantRow>(
    db,
    sql`SELECT ${grantColumns}
        FROM "grant" g JOIN org o ON o.id = g.org_id WHERE g.id = ${id} AND g.revoked_at IS NULL`,
  );
}

export async function insertGrant(db: Db, g: { accountId: string; role: Role; orgId: string; grantedBy: string | null }) {
  return (await one<{ id: string; createdAt: string }>(
    db,
    sql`INSERT INTO "grant" (account_id, role, org_id, granted_by) VALUES (${g.accountId}, ${g.role}, ${g.orgId}, ${g.grantedBy})
        ON CONFLICT DO NOTHING RETURNING id, created_at AS "createdAt"`,
  ));
}

export async function revokeGrant(db: Db, id: string, at: Date) {
  await db.execute(sql`UPDATE "grant" SET revoked_at = ${at} WHERE id = ${id} AND revoked_at IS NULL`);
}

export interface SessionRow {
  id: string;
  accountId: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export async function insertSession(db: Db, s: { id: string; accountId: string; now: Date; expiresAt: Date; ip: string | null }) {
  await db.execute(
    sql`INSERT INTO session (id, account_id, created_at, last_seen_at, expires_at, ip) VALUES (${s.id}, ${s.accountId}, ${s.now}, ${s.now}, ${s.expiresAt}, ${s.ip})`,
  );
}

export function findSession(db: Db, id: string) {
  return one<SessionRow>(
    db,
    sql`SELECT id, account_id AS "accountId", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", revoked_at AS "revokedAt" FROM session WHERE id = ${id}`,
  );
}

/**
 * A session with its account and the account's active grants (`findAccountById`, `findActiveGrants`) in one statement:
 * every authenticated request resolves its session, and three round trips were most of a small read's time.
 */
export function findSessionWithActor(db: Db, id: string) {
  return one<SessionRow & { account: AccountRow | null; grants: GrantRow[] }>(
    db,
    sql`SELECT s.id, s.account_id AS "accountId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt",
               (SELECT row_to_json(x) FROM (SELECT ${accountColumns} FROM account WHERE id = s.account_id) x) AS account,
               (SELECT coalesce(json_agg(x ORDER BY x."orgPath", x.role), '[]')
                FROM (SELECT ${grantColumns}
                      FROM "grant" g JOIN org o ON o.id = g.org_id
                      WHERE g.account_id = s.account_id AND ${activeGrant}) x) AS grants
        FROM session s WHERE s.id = ${id}`,
  );
}

export async function touchSession(db: Db, id: string, at: Date) {
  await db.execute(sql`UPDATE session SET last_seen_at = ${at} WHERE id = ${id}`);
}

export async function revokeSession(db: Db, id: string, at: Date) {
  await db.execute(sql`UPDATE session SET revoked_at = ${at} WHERE id = ${id} AND revoked_at IS NULL`);
}

export function findLoginProbe(db: Db, usernameIdx: string) {
  return one<{ failedLogins: number; lockedUntil: string | null }>(
    db,
    sql`SELECT failed_logins AS "failedLogins", locked_until AS "lockedUntil" FROM login_probe WHERE username_idx = ${usernameIdx}`,
  );
}

export async function recordProbeFailure(db: Db, usernameIdx: string, now: Date, lockedUntil: Date | null) {
  await db.execute(
    sql`INSERT INTO login_probe (username_idx, failed_logins, locked_until, updated_at) VALUES (${usernameIdx}, ${lockedUntil ? 0 : 1}, ${lockedUntil}, ${now})
        ON CONFLICT (username_idx) DO UPDATE SET
          failed_logins = CASE WHEN ${lockedUntil}::timestamptz IS NULL THEN login_probe.failed_logins + 1 ELSE 0 END,
          locked_until = ${lockedUntil}, updated_at = ${now}`,
  );
}
