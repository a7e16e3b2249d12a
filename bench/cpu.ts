import fs from 'node:fs';

/**
 * CPU accounting on a shared machine: how much of the cores *other* work used while we timed something. Ours is
 * this process and its children (the app and baseline servers, the tsx compiler) and the PostgreSQL postmaster
 * and its children (backends, parallel workers); everything else is someone else's.
 */

const roots = new Set<number>([process.pid]);

/** Counts a process (the postmaster) and its children as ours. */
export function addOwnRoot(pid: number): void {
  roots.add(pid);
}

export interface CpuSnapshot {
  busy: number;
  total: number;
  ours: number;
}

export function cpuSnapshot(): CpuSnapshot {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, x) => a + x, 0);
  // idle and iowait are not busy.
  const busy = total - f[3]! - (f[4] ?? 0);
  // Every process's own time plus that of its children it has reaped (utime, stime, cutime, cstime): a backend
  // or server that exits moves its time into its parent's total instead of vanishing from ours.
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // After "(comm) ": state, ppid, …; utime, stime, cutime, cstime are fields 14–17 (comm is field 2).
    const rest = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    procs.set(Number(name), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]) });
  }
  const isOurs = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 32; p = procs.get(p)?.ppid ?? 0, depth++) if (roots.has(p)) return true;
    return false;
  };
  let ours = 0;
  for (const [pid, p] of procs) if (isOurs(pid)) ours += p.ticks;
  return { busy, total, ours };
}

/** Share of all cores used by other work between two snapshots (0–1). */
export function externalShare(a: CpuSnapshot, b: CpuSnapshot): number {
  return Math.max(0, (b.busy - a.busy - (b.ours - a.ours)) / Math.max(1, b.total - a.total));
}

/** Waits (up to `maxSeconds`) until other work uses at most `threshold` of the cores over 3 s; returns that share. */
export async function waitForQuiet(opts: { threshold: number; maxSeconds: number; log: (s: string) => void }): Promise<number> {
  const deadline = Date.now() + opts.maxSeconds * 1000;
  for (;;) {
    const a = cpuSnapshot();
    await new Promise((r) => setTimeout(r, 3000));
    const share = externalShare(a, cpuSnapshot());
    if (share <= opts.threshold || Date.now() > deadline) return share;
    opts.log(`  other work is using ${(share * 100).toFixed(0)}% of the CPU: waiting`);
    await new Promise((r) => setTimeout(r, 7000));
  }
}
