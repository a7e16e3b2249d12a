import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import type { AccountKind, Role } from '@xianfeng/contracts/account/account.permissions';

export interface AccountListRow {
  id: string;
  username: string;
  kind: AccountKind;
  displayName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  memberId: string | null;
}

export interface AccountGrantRow {
  id: string;
  accountId: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgPath: string;
}

/**
 * Accounts inside the subtrees: an active grant at an org inside them, or a linked member whose org is
 * inside them. `orphans` also admits accounts with neither (for callers covering a top-level org).
 */
export function accountInSubtrees(paths: string[], orphans: boolean): SQL {
  const byGrant = sql`EXISTS (SELECT 1 FROM "grant" g JOIN org o ON o.id = g.org_id WHERE g.account_id = a.id AND g.revoked_at IS NULL AND ${inSubtrees(sql`o.path`, paths)})`;
  const byMember = sql`EXISTS (SELECT 1 FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = a.member_id AND ${inSubtrees(sql`o.path`, paths)})`;
  const orphan = orphans
    ? sql` OR (a.member_id IS NULL AND NOT EXISTS (SELECT 1 FROM "grant" g WHERE g.account_id = a.id AND g.revoked_at IS NULL))`
    : sql``;
  return sql`(${byGrant} OR ${byMember}${orphan})`;
}

const listColumns = sql.raw(`a.id, a.username, a.kind, a.display_name AS "displayName", a.disabled, a.locked_until AS "lockedUntil", a.member_id AS "memberId"`);

export async function findAccountsInScope(db: Db, input: { scope: SQL; q?: string | undefined; limit: number; offset: number }) {
  const parts: SQL[] = [input.scope];
  if (input.q) {
    const pattern = '%' + input.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    parts.push(sql`(a.username ILIKE ${pattern} OR a.display_name ILIKE ${pattern})`);
  }
  const where = sql.join(parts, sql` AND `);
  const items = await rows<AccountListRow>(db, sql`SELECT ${listColumns} FROM account a WHERE ${where} ORDER BY a.username LIMIT ${input.limit} OFFSET ${input.offset}`);
  const total = (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM account a WHERE ${where}`))?.n ?? 0;
  return { items, total };
}

export function findAccountInScope(db: Db, id: string, scope: SQL) {
  return one<AccountListRow>(db, sql`SELECT ${listColumns} FROM account a WHERE a.id = ${id} AND ${scope}`);
}

export function findGrantsOfAccounts(db: Db, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([] as AccountGrantRow[]);
  return rows<AccountGrantRow>(
    db,
    sql`SELECT g.id, g.account_id AS "accountId", g.role, g.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath"
        FROM "grant" g JOIN org o ON o.id = g.org_id
        WHERE g.revoked_at IS NULL AND o.dissolved_on IS NULL AND g.account_id IN (${sql.join(
          accountIds.map((a) => sql`${a}`),
          sql`, `,
        )})
        ORDER BY o.path, g.role`,
  );
}

export function findAccountByMember(db: Db, memberId: string) {
  return one<{ id: string }>(db, sql`SELECT id FROM account WHERE member_id = ${memberId}`);
}

export async function setPassword(db: Db, id: string, passwordHash: string, at: Date) {
  await db.execute(sql`UPDATE account SET password_hash = ${passwordHash}, password_changed_at = ${at}, failed_logins = 0, locked_until = NULL WHERE id = ${id}`);
}

export async function setDisabled(db: Db, id: string, disabled: boolean) {
  await db.execute(
    disabled
      ? sql`UPDATE account SET disabled = TRUE WHERE id = ${id}`
      : sql`UPDATE account SET disabled = FALSE, failed_logins = 0, locked_until = NULL WHERE id = ${id}`,
  );
}

/** Revokes every open session of the account; returns how many. */
export async function revokeSessionsOf(db: Db, accountId: string, at: Date): Promise<number> {
  const r = await rows<{ id: string }>(db, sql`UPDATE session SET revoked_at = ${at} WHERE account_id = ${accountId} AND revoked_at IS NULL RETURNING id`);
  return r.length;
}
