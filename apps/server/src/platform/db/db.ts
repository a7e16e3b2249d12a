import fs from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';

/** A database or a transaction: repositories take this, so they work inside or outside a transaction. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the raw instance (dump/load for test templates). */
  pglite?: PGlite;
  /** PostgreSQL only: the pool (a dedicated session for migration locks). */
  pool?: pg.Pool;
}

// int8 and numeric come back as numbers and dates as 'YYYY-MM-DD' on both engines, so responses are the
// same on PGlite and PostgreSQL (ARCHITECTURE §3).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.NUMERIC]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
    },
  });
  return {
    kind: 'pglite',
    db: drizzlePglite(client) as unknown as Db,
    execScript: async (script) => {
      await client.exec(script);
    },
    close: () => client.close(),
    pglite: client,
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // jit=off for the app's sessions: its statements are short reads and writes or page-sized batches, where JIT's
  // compile time is pure cost — a bill run's page read (10,000 members) spent 365 ms of 532 ms compiling (bench:dues
  // --explain). Set per session, so the server's own default stays as the DBA configured it for other clients.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off' });
  // An idle connection the server drops (restart, failover, terminate) must not crash the process:
  // the pool has already discarded that client and opens a new one on the next checkout.
  pool.on('error', () => undefined);
  // Fail fast with a clear message when the server is not reachable.
  const c = await pool.connect();
  c.release();
  return {
    kind: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    execScript: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
    pool,
  };
}

/** Rows of a raw SQL query, typed by the caller. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export async function one<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

export { sql };
