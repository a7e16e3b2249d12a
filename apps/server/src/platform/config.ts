import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  masterKey: string | null;
  fakeNow: string | null;
  production: boolean;
  /** Demo accounts and the demo label exist only in embedded demo mode. */
  demo: boolean;
  trustProxy: boolean;
  webDist: string;
}

/** Reads the environment once at start (README §Configuration lists every variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  return {
    port: Number(env.PORT ?? 3000),
    // The demo's passwords are public: the embedded demo listens on loopback unless HOST says otherwise.
    host: env.HOST ?? (databaseUrl === null && env.XIANFENG_DEMO !== 'false' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(env.XIANFENG_DATA_DIR ?? './data'),
    databaseUrl,
    masterKey: env.XIANFENG_MASTER_KEY?.trim() || null,
    fakeNow: production ? null : env.XIANFENG_FAKE_NOW?.trim() || null,
    production,
    demo: env.XIANFENG_DEMO ? env.XIANFENG_DEMO === 'true' : databaseUrl === null,
    trustProxy: env.XIANFENG_TRUST_PROXY === 'true',
    webDist: path.resolve(env.XIANFENG_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
  };
}
