import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rolePermissions, type Role } from '@xianfeng/contracts/account/account.permissions';
import type { Actor, Ctx } from '../apps/server/src/platform/context.ts';
import type { Db } from '../apps/server/src/platform/db/db.ts';
import { createClock } from '../apps/server/src/platform/clock.ts';
import { createSmCrypto } from '../apps/server/src/platform/crypto/sm.ts';
import { memberFilterFor } from '../apps/server/src/modules/member/member.service.ts';
import { countMembers, findMembers } from '../apps/server/src/modules/member/member.repository.ts';
import { BENCH_MASTER_KEY, BENCH_NOW } from './generate.ts';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/**
 * The member list's SQL exactly as the app sends it, for the raw-`pg` baseline: the same filter builder
 * (`memberFilterFor`) and repository functions run against a stand-in database that records each statement
 * as drizzle renders it for PostgreSQL, so the baseline follows any change to the list's queries.
 */
export async function captureListSql(grants: { role: Role; orgId: string; orgPath: string }[], query: { q?: string; page: number; pageSize: number }): Promise<{ list: CapturedQuery; count: CapturedQuery }> {
  const dialect = new PgDialect();
  const captured: CapturedQuery[] = [];
  const recorder = {
    execute: async (q: SQL) => {
      captured.push(dialect.sqlToQuery(q));
      return { rows: [] };
    },
  } as unknown as Db;
  const actor: Actor = { accountId: '00000000-0000-0000-0000-000000000000', username: 'bench', kind: 'staff', displayName: null, memberId: null, grants: grants.map((g) => ({ ...g, permissions: rolePermissions[g.role] })) };
  const ctx: Ctx = { db: recorder, clock: createClock(BENCH_NOW), crypto: createSmCrypto(Buffer.from(BENCH_MASTER_KEY, 'hex')), actor, ip: null, afterCommit: (fn) => fn(), publish: () => undefined };
  const filter = await memberFilterFor(ctx, query);
  await findMembers(recorder, filter, query.pageSize, (query.page - 1) * query.pageSize);
  await countMembers(recorder, filter);
  const [list, count] = captured;
  if (!list || !count || captured.length !== 2) throw new Error(`expected the list and the count query, captured ${captured.length}`);
  return { list, count };
}
