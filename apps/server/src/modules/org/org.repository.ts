import { sql, type SQL } from 'drizzle-orm';
import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

export interface OrgRow {
  id: string;
  seq: number;
  code: string;
  path: string;
  parentId: string | null;
  depth: number;
  kind: OrgKind;
  domain: OrgDomain;
  name: string;
  shortName: string | null;
  unitName: string | null;
  unitCreditCode: string | null;
  gridId: string | null;
  canApproveMembers: boolean;
  termStart: string | null;
  termEnd: string | null;
  dissolvedOn: string | null;
  dissolvedReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const orgColumns = sql.raw(`o.id, o.seq, o.code, o.path, o.parent_id AS "parentId", o.depth, o.kind, o.domain, o.name,
  o.short_name AS "shortName", o.unit_name AS "unitName", o.unit_credit_code AS "unitCreditCode", o.grid_id AS "gridId",
  o.can_approve_members AS "canApproveMembers", o.term_start AS "termStart", o.term_end AS "termEnd",
  o.dissolved_on AS "dissolvedOn", o.dissolved_reason AS "dissolvedReason", o.created_at AS "createdAt",
  o.updated_at AS "updatedAt", o.version`);

export function findOrgById(db: Db, id: string): Promise<OrgRow | undefined> {
  return one<OrgRow>(db, sql`SELECT ${orgColumns} FROM org o WHERE o.id = ${id}`);
}

export function findOrgByIdForUpdate(db: Db, id: string): Promise<OrgRow | undefined> {
  return one<OrgRow>(db, sql`SELECT ${orgColumns} FROM org o WHERE o.id = ${id} FOR UPDATE`);
}

export function findOrgsBySeqs(db: Db, seqs: number[]): Promise<OrgRow[]> {
  if (seqs.length === 0) return Promise.resolve([]);
  return rows<OrgRow>(
    db,
    sql`SELECT ${orgColumns} FROM org o WHERE o.seq IN (${sql.join(
      seqs.map((s) => sql`${s}`),
      sql`, `,
    )}) ORDER BY o.depth`,
  );
}

/** Orgs inside the given subtrees, optionally only down to a depth. */
export function findOrgsInSubtrees(db: Db, opts: { paths: string[]; maxDepth?: number; includeDissolved?: boolean }): Promise<OrgRow[]> {
  return rows<OrgRow>(
    db,
    sql`SELECT ${orgColumns} FROM org o
        WHERE ${inSubtrees(sql`o.path`, opts.paths)}
          ${opts.maxDepth !== undefined ? sql`AND o.depth <= ${opts.maxDepth}` : sql``}
          ${opts.includeDissolved ? sql`` : sql`AND o.dissolved_on IS NULL`}
        ORDER BY o.code`,
  );
}

export function usedCodeSegments(db: Db, parentId: string | null): Promise<{ code: string }[]> {
  return rows<{ code: string }>(
    db,
    parentId === null ? sql`SELECT code FROM org WHERE parent_id IS NULL` : sql`SELECT code FROM org WHERE parent_id = ${parentId}`,
  );
}

export interface NewOrg {
  parentId: string | null;
  code: string;
  depth: number;
  kind: OrgKind;
  domain: OrgDomain;
  name: string;
  shortName: string | null;
  unitName: string | null;
  unitCreditCode: string | null;
  gridId: string | null;
  canApproveMembers: boolean;
  now: Date;
}

/** Inserts an org and sets its path from its own sequence number: parent path + base-36 seq + '/'. */
export async function insertOrg(db: Db, o: NewOrg, parentPath: string): Promise<OrgRow> {
  const inserted = await one<{ id: string; seq: number }>(
    db,
    sql`INSERT INTO org (code, path, parent_id, depth, kind, domain, name, short_name, unit_name, unit_credit_code, grid_id,
                         can_approve_members, created_at, updated_at)
        VALUES (${o.code}, ${'pending:' + o.code}, ${o.parentId}, ${o.depth}, ${o.kind}, ${o.domain}, ${o.name}, ${o.shortName},
                ${o.unitName}, ${o.unitCreditCode}, ${o.gridId}, ${o.canApproveMembers}, ${o.now}, ${o.now})
        RETURNING id, seq`,
  );
  const path = `${parentPath}${inserted!.seq.toString(36)}/`;
  await db.execute(sql`UPDATE org SET path = ${path} WHERE id = ${inserted!.id}`);
  return (await findOrgById(db, inserted!.id))!;
}

export async function updateOrgFields(db: Db, id: string, set: SQL[], now: Date): Promise<void> {
  await db.execute(sql`UPDATE org SET ${sql.join([...set, sql`updated_at = ${now}`, sql`version = version + 1`], sql`, `)} WHERE id = ${id}`);
}

/** Re-roots a whole subtree in one statement: path, code and depth of every descendant follow. */
export async function moveSubtree(
  db: Db,
  m: { id: string; oldPath: string; newPath: string; oldCode: string; newCode: string; depthDelta: number; newParentId: string; now: Date },
): Promise<number> {
  const res = await rows<{ id: string }>(
    db,
    sql`UPDATE org SET
          path = ${m.newPath} || substr(path, ${m.oldPath.length + 1}),
          code = ${m.newCode} || substr(code, ${m.oldCode.length + 1}),
          depth = depth + ${m.depthDelta},
          parent_id = CASE WHEN id = ${m.id} THEN ${m.newParentId}::uuid ELSE parent_id END,
          updated_at = ${m.now},
          version = version + 1
        WHERE ${inSubtrees(sql`path`, [m.oldPath])}
        RETURNING id`,
  );
  return res.length;
}

export function countActiveChildren(db: Db, id: string): Promise<{ n: number } | undefined> {
  return one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM org WHERE parent_id = ${id} AND dissolved_on IS NULL`);
}

export interface LeaderRow {
  id: string;
  orgId: string;
  position: string;
  memberId: string | null;
  name: string;
  startedOn: string;
}

export function findCurrentLeaders(db: Db, orgIds: string[]): Promise<LeaderRow[]> {
  if (orgIds.length === 0) return Promise.resolve([]);
  return rows<LeaderRow>(
    db,
    sql`SELECT id, org_id AS "orgId", position, member_id AS "memberId", name, started_on AS "startedOn"
        FROM org_leader WHERE ended_on IS NULL AND org_id IN (${sql.join(
          orgIds.map((i) => sql`${i}`),
          sql`, `,
        )})
        ORDER BY CASE position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1 WHEN 'organisation_member' THEN 2
                 WHEN 'publicity_member' THEN 3 WHEN 'discipline_member' THEN 4 ELSE 5 END, name`,
  );
}

export function countCurrentLeaders(db: Db, paths: string[]): Promise<{ orgId: string; n: number }[]> {
  return rows(
    db,
    sql`SELECT l.org_id AS "orgId", count(*)::int AS n FROM org_leader l JOIN org o ON o.id = l.org_id
        WHERE l.ended_on IS NULL AND ${inSubtrees(sql`o.path`, paths)} GROUP BY l.org_id`,
  );
}

/**
 * Live orgs of the subtrees of the given kinds with no current 书记 (no un-ended 'secretary' row) — the
 * `SECRETARY_MISSING` warning counted in one statement (org path range, then `org_leader_org_idx` per org).
 */
export async function countOrgsWithoutSecretary(db: Db, paths: string[], kinds: readonly OrgKind[]): Promise<number> {
  const r = await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM org o
        WHERE ${inSubtrees(sql`o.path`, paths)} AND o.dissolved_on IS NULL AND o.kind = ANY(${sql.param([...kinds])}::text[])
          AND NOT EXISTS (SELECT 1 FROM org_leader l WHERE l.org_id = o.id AND l.ended_on IS NULL AND l.position = 'secretary')`,
  );
  return Number(r?.n ?? 0);
}

export async function replaceLeaders(
  db: Db,
  orgId: string,
  termStart: string,
  leaders: { position: string; memberId: string; name: string }[],
): Promise<void> {
  await db.execute(sql`UPDATE org_leader SET ended_on = ${termStart} WHERE org_id = ${orgId} AND ended_on IS NULL`);
  for (const l of leaders) {
    await db.execute(
      sql`INSERT INTO org_leader (org_id, position, member_id, name, started_on) VALUES (${orgId}, ${l.position}, ${l.memberId}, ${l.name}, ${termStart})`,
    );
  }
}

export interface DirectoryRow {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  path: string;
  dissolvedOn: string | null;
}

export function searchDirectory(db: Db, q: string, limit: number, offset: number): Promise<DirectoryRow[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return rows<DirectoryRow>(
    db,
    sql`SELECT id, code, name, kind, path, dissolved_on AS "dissolvedOn" FROM org
        WHERE (${q} = '' OR name LIKE ${like} OR code LIKE ${q + '%'})
        ORDER BY code LIMIT ${limit} OFFSET ${offset}`,
  );
}

export function countDirectory(db: Db, q: string): Promise<{ n: number } | undefined> {
  const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM org WHERE (${q} = '' OR name LIKE ${like} OR code LIKE ${q + '%'})`);
}

export interface GridRow {
  id: string;
  orgId: string;
  parentId: string | null;
  kind: 'grid' | 'building';
  name: string;
}

export function findGridsOfOrgs(db: Db, orgIds: string[]): Promise<GridRow[]> {
  if (orgIds.length === 0) return Promise.resolve([]);
  return rows<GridRow>(
    db,
    sql`SELECT id, org_id AS "orgId", parent_id AS "parentId", kind, name FROM grid WHERE org_id IN (${sql.join(
      orgIds.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY kind, name`,
  );
}

export function findGridById(db: Db, id: string): Promise<GridRow | undefined> {
  return one<GridRow>(db, sql`SELECT id, org_id AS "orgId", parent_id AS "parentId", kind, name FROM grid WHERE id = ${id}`);
}

export async function insertGrid(db: Db, g: Omit<GridRow, 'id'>): Promise<GridRow> {
  return (await one<GridRow>(
    db,
    sql`INSERT INTO grid (org_id, parent_id, kind, name) VALUES (${g.orgId}, ${g.parentId}, ${g.kind}, ${g.name})
        RETURNING id, org_id AS "orgId", parent_id AS "parentId", kind, name`,
  ))!;
}

export function findOrgsByTermEnd(db: Db, from: string, to: string): Promise<OrgRow[]> {
  return rows<OrgRow>(db, sql`SELECT ${orgColumns} FROM org o WHERE o.dissolved_on IS NULL AND o.term_end BETWEEN ${from} AND ${to} ORDER BY o.code`);
}
