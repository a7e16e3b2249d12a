import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPgServer, type PgServer } from '../apps/server/src/test-support/pg-server.ts';

/** PostgreSQL for the benchmarks: the tests' throw-away server, plus the client tools to dump and restore scales. */

function findBin(name: string): string {
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    ...(fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : []),
  ];
  const found = dirs.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
  if (!found) throw new Error(`${name} not found: install the PostgreSQL 15 server and client binaries`);
  return found;
}

export async function startBenchPg(): Promise<PgServer> {
  const server = await startPgServer();
  if (!server) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: the benchmarks run on PostgreSQL only');
  return server;
}

export async function adminQuery(server: PgServer, text: string, database = 'postgres'): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: server.url(database) });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

export async function recreateDatabase(server: PgServer, name: string): Promise<void> {
  await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE ${name}`);
}

/** Custom-format dump (compressed; restored in parallel). */
export function dumpDatabase(server: PgServer, database: string, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  execFileSync(findBin('pg_dump'), ['-Fc', '-Z', '1', '-f', tmp, '-d', server.url(database)], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Renamed only once complete, so an interrupted dump is never mistaken for a cache hit.
  fs.renameSync(tmp, file);
}

export function restoreDatabase(server: PgServer, database: string, file: string): void {
  execFileSync(findBin('pg_restore'), ['-j', '2', '--no-owner', '-d', server.url(database), file], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function postgresVersion(): string {
  return execFileSync(findBin('postgres'), ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * The throw-away server starts with fsync, full_page_writes and synchronous_commit off (fine for generating data)
 * and those come from its command line, which outranks ALTER SYSTEM. Measurements restart it with production
 * durability and a sized buffer cache, so the import pays for WAL flushes as it would in production.
 */
export async function restartForMeasurement(server: PgServer): Promise<string> {
  const show = async (s: string) => String((await adminQuery(server, `SHOW ${s}`)).rows[0]?.[s]);
  const [dataDir, socketDir, port] = [await show('data_directory'), await show('unix_socket_directories'), await show('port')];
  const settings = 'shared_buffers=1GB effective_cache_size=12GB work_mem=16MB max_connections=200';
  const opts = `-k ${socketDir} -c listen_addresses=127.0.0.1 -p ${port} ${settings.split(' ').map((x) => `-c ${x}`).join(' ')}`;
  const args = ['-D', dataDir, '-o', opts, '-l', path.join(path.dirname(dataDir), 'log'), '-w', '-t', '120', 'restart'];
  const asPostgres = process.getuid?.() === 0;
  execFileSync(asPostgres ? 'runuser' : findBin('pg_ctl'), asPostgres ? ['-u', 'postgres', '--', findBin('pg_ctl'), ...args] : args, { stdio: 'ignore' });
  return `fsync, full_page_writes and synchronous_commit on (defaults); ${settings.replaceAll(' ', ', ')}`;
}

export type { PgServer };
