import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { openPglite, openPostgres, type Database } from '../platform/db/db.ts';
import { createClock } from '../platform/clock.ts';
import { createPlatform, createServer, type Server } from '../server.ts';
import { clearSettingsCache } from '../modules/settings/settings.service.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { buildPgliteTemplate, PG_TEMPLATE_DB, pgliteTemplateFile, TEST_MASTER_KEY, TEST_NOW } from './templates.ts';

const TEST_NOW_AFTER_SEED = new Date(Date.parse(TEST_NOW) + 60_000).toISOString();

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL when the test command started a server (XIANFENG_TEST_PG_URL). */
export const engines: Engine[] = process.env.XIANFENG_TEST_PG_URL ? ['pglite', 'postgres'] : ['pglite'];

async function openEngine(engine: Engine): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    if (!fs.existsSync(pgliteTemplateFile())) await buildPgliteTemplate();
    const blob = new Blob([fs.readFileSync(pgliteTemplateFile())]);
    const database = await openPglite({ loadDataDir: blob });
    return { database, drop: async () => undefined };
  }
  const adminUrl = process.env.XIANFENG_TEST_PG_URL!;
  const name = `xf_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 5);
  return {
    database,
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface TestServer extends Server {
  engine: Engine;
  /** Logs in a demo account (password Demo@2026) and returns its Cookie header. */
  login: (username: string, password?: string) => Promise<string>;
  request: (opts: { method: string; url: string; cookie?: string; body?: unknown; headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;
  stop: () => Promise<void>;
}

/** A fresh copy of the demo district behind a ready HTTP app, on the given engine. */
export async function openTestServer(engine: Engine, opts: { webDist?: string | null } = {}): Promise<TestServer> {
  const { database, drop } = await openEngine(engine);
  clearSettingsCache();
  // The seed ran from TEST_NOW for some seconds: start a minute later so new events sort after the seed's.
  const platform = createPlatform({ database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: createClock(TEST_NOW_AFTER_SEED), demo: true });
  // Jobs run only when a test drains them (`s.jobs.drain()`), so the fake clock decides what is due.
  const server = await createServer(platform, { webDist: opts.webDist ?? null, startJobs: false });
  server.setReady(true);
  const request: TestServer['request'] = ({ method, url, cookie, body, headers }) =>
    server.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(headers ?? {}) },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  // Demo logins are reused while the session is surely alive: tests move the clock, and a session idles
  // out after 30 minutes of it, so a cookie older than 20 (by the server's clock) is replaced.
  const cookies = new Map<string, { cookie: string; at: number }>();
  const fresh = (username: string) => {
    const c = cookies.get(username);
    return c && platform.clock.now().getTime() - c.at < 20 * 60_000 ? c.cookie : undefined;
  };
  return {
    ...server,
    engine,
    request,
    login: async (username, password = DEMO_PASSWORD) => {
      const reused = password === DEMO_PASSWORD ? fresh(username) : undefined;
      if (reused) return reused;
      const res = await request({ method: 'POST', url: '/api/auth/login', body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const raw = res.headers['set-cookie'];
      const cookie = String(Array.isArray(raw) ? raw[0] : raw).split(';')[0]!;
      if (password === DEMO_PASSWORD) cookies.set(username, { cookie, at: platform.clock.now().getTime() });
      return cookie;
    },
    stop: async () => {
      await server.close();
      await database.close();
      await drop();
    },
  };
}
