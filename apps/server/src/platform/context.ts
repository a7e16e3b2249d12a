import type { AccountKind, Permission, Role } from '@xianfeng/contracts/account/account.permissions';
import type { Clock } from './clock.ts';
import type { CryptoProvider } from './crypto/sm.ts';
import type { Database, Db } from './db/db.ts';
import type { RealtimeHub, RealtimeMessage } from './realtime.ts';

export interface ActorGrant {
  role: Role;
  orgId: string;
  orgPath: string;
  permissions: readonly Permission[];
}

export interface Actor {
  accountId: string;
  username: string;
  kind: AccountKind;
  displayName: string | null;
  memberId: string | null;
  grants: ActorGrant[];
}

/** Everything a use case needs, passed as one object: `(ctx, input)`. */
export interface Ctx {
  db: Db;
  clock: Clock;
  crypto: CryptoProvider;
  actor: Actor | null;
  ip: string | null;
  /** Called after the outermost transaction commits (e.g. to wake the audit sealer). */
  afterCommit: (fn: () => void) => void;
  /** Pushes a message to an account's open pages (call it after commit). */
  publish: (accountId: string, msg: RealtimeMessage) => void;
}

/** Process-wide services, built once at start. */
export interface Platform {
  database: Database;
  clock: Clock;
  crypto: CryptoProvider;
  demo: boolean;
  onCommit: () => void;
  realtime: RealtimeHub | null;
}

export function systemCtx(p: Platform, actor: Actor | null = null, ip: string | null = null): Ctx {
  const hub = p.realtime;
  return {
    db: p.database.db,
    clock: p.clock,
    crypto: p.crypto,
    actor,
    ip,
    afterCommit: (fn) => fn(),
    publish: (accountId, msg) => hub?.publish(accountId, msg),
  };
}

/**
 * Runs `fn` in one transaction. Nested calls join the outer transaction; after-commit hooks run only
 * once the outermost one commits, so a rolled-back change triggers nothing.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if ((ctx as TxCtx).inTx) return fn(ctx);
  const hooks: Array<() => void> = [];
  const result = await ctx.db.transaction(async (db) => {
    const txCtx: TxCtx = { ...ctx, db: db as unknown as Db, inTx: true, afterCommit: (h) => hooks.push(h) };
    return fn(txCtx);
  });
  for (const h of hooks) h();
  return result;
}

interface TxCtx extends Ctx {
  inTx: true;
}
