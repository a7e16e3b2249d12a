import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuSnapshot, externalShare } from './cpu.ts';

/** Timing primitives shared by the benchmarks: child servers, sequential latency samples, load runs. */

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentiles: the reported p95 is a latency that was actually observed.
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { n: s.length, mean: s.reduce((a, x) => a + x, 0) / s.length, p50: at(50), p95: at(95), max: s[s.length - 1]! };
}

export interface ChildServer {
  base: string;
  stop: () => Promise<void>;
}

/**
 * Starts a server script in its own process, so the load generator never shares an event loop with it.
 * Its stdout (the app's request log) is discarded, as a production log pipe would absorb it.
 */
export async function startChild(script: string, env: Record<string, string>): Promise<ChildServer> {
  const child = fork(path.join(import.meta.dirname, script), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Logs in through the API and returns the session cookie (`xf_session=…`) for later requests. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('xf_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie.split(';')[0]!;
}

export interface Sampled {
  /** Server time from the Server-Timing header. */
  server: Stats;
  /** Round trip seen by the client (loopback HTTP included). */
  client: Stats;
  /** The last answer's body. */
  body: unknown;
  /** Share of the CPU other work used meanwhile (cpu.ts). */
  external: number;
}

/**
 * N sequential requests after a warm-up; fails on any non-200 answer. A slow endpoint stops early once
 * `maxSeconds` have passed and `minN` samples are in (the table shows n).
 */
export async function sample(url: string, opts: { cookie?: string; warmup: number; n: number; minN: number; maxSeconds: number }): Promise<Sampled> {
  const server: number[] = [];
  const client: number[] = [];
  let body: unknown = null;
  let cpu0 = cpuSnapshot();
  let started = performance.now();
  for (let i = 0; i < opts.warmup + opts.n; i++) {
    if (i === opts.warmup) cpu0 = cpuSnapshot();
    if (server.length >= opts.minN && performance.now() - started > opts.maxSeconds * 1000) break;
    const t0 = performance.now();
    const res = await fetch(url, { headers: opts.cookie ? { cookie: opts.cookie } : {} });
    body = await res.json();
    const t1 = performance.now();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    if (i < opts.warmup) {
      started = performance.now();
      continue;
    }
    const dur = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
    if (dur === undefined) throw new Error(`GET ${url}: no Server-Timing header`);
    server.push(Number(dur));
    client.push(t1 - t0);
  }
  return { server: stats(server), client: stats(client), body, external: externalShare(cpu0, cpuSnapshot()) };
}

export interface Load {
  rps: number;
  latencyP50: number;
  latencyP97_5: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Share of the CPU other work used meanwhile (cpu.ts). */
  external: number;
}

/** Requests per second under a fixed number of connections (autocannon), after a short warm-up run. */
export async function load(url: string, opts: { cookie?: string; connections: number; seconds: number; warmupSeconds: number }): Promise<Load> {
  const headers = opts.cookie ? { cookie: opts.cookie } : {};
  await autocannon({ url, connections: opts.connections, duration: opts.warmupSeconds, headers });
  const cpu0 = cpuSnapshot();
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers });
  return { external: externalShare(cpu0, cpuSnapshot()), rps: r['2xx'] / r.duration, latencyP50: r.latency.p50, latencyP97_5: r.latency.p97_5, requests: r['2xx'], non2xx: r.non2xx, errors: r.errors };
}
