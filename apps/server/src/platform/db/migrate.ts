import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.ts';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

interface Session {
  exec(script: string): Promise<void>;
  names(): Promise<string[]>;
  release(): void;
}

async function openSession(database: Database): Promise<Session> {
  if (database.pool) {
    const client = await database.pool.connect();
    return {
      exec: async (s) => {
        await client.query(s);
      },
      names: async () => (await client.query<{ name: string }>('SELECT name FROM schema_migration')).rows.map((r) => r.name),
      release: () => client.release(),
    };
  }
  const lite = database.pglite!;
  return {
    exec: async (s) => {
      await lite.exec(s);
    },
    names: async () => (await lite.query<{ name: string }>('SELECT name FROM schema_migration')).rows.map((r) => r.name),
    release: () => undefined,
  };
}

/**
 * Forward-only migrations: every `*.sql` file in apps/server/migrations, in name order (timestamped
 * names), applied once each inside its own transaction. The same files run on PGlite and PostgreSQL.
 */
export async function migrate(database: Database): Promise<string[]> {
  const session = await openSession(database);
  try {
    await session.exec('CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());');
    // Several app processes may start together: one migrates, the others wait for it.
    if (database.kind === 'postgres') await session.exec('SELECT pg_advisory_lock(7411001);');
    const applied = new Set(await session.names());
    const files = fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    const done: string[] = [];
    for (const file of files) {
      if (applied.has(file)) continue;
      const body = fs.readFileSync(path.join(migrationsDir, file), 'utf8').replaceAll('--> statement-breakpoint', '');
      await session.exec(`BEGIN;\n${body}\nINSERT INTO schema_migration(name) VALUES ('${file.replaceAll("'", "''")}');\nCOMMIT;`);
      done.push(file);
    }
    return done;
  } finally {
    if (database.kind === 'postgres') await session.exec('SELECT pg_advisory_unlock(7411001);').catch(() => undefined);
    session.release();
  }
}
