import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openScale, scales, type OpenedScale, type ScaleName } from './generate.ts';
import { adminQuery, postgresVersion, restartForMeasurement, startBenchPg } from './pg.ts';
import { keptAnalysis, keptModuleSections, machineNotes, markdown, stdoutTable, type Run, type ScaleRun } from './report.ts';
import { runScenario } from './scenario.ts';
import { addOwnRoot, waitForQuiet } from './cpu.ts';

/**
 * `npm run bench [-- --scale demo,city[,province]]`: opens (generates or restores) each scale on a throw-away
 * PostgreSQL, measures the member module on each, prints a table and rewrites docs/benchmarks.md.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'demo,city,region' },
    regenerate: { type: 'boolean', default: false },
    samples: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    'import-rows': { type: 'string', default: '100000' },
    'no-doc': { type: 'boolean', default: false },
  },
});

const names = values.scale.split(',').map((s) => s.trim()) as ScaleName[];
for (const n of names) if (!(n in scales)) throw new Error(`unknown scale ${n} (use ${Object.keys(scales).join(', ')})`);
const importRows = Number(values['import-rows']);
const options = { samples: Number(values.samples), warmup: 30, connections: 50, loadSeconds: Number(values.seconds), rounds: Number(values.rounds), importRows: importRows > 0 ? importRows : null };
const log = (s: string) => process.stdout.write(`${s}\n`);
const docFile = path.join(import.meta.dirname, '..', 'docs', 'benchmarks.md');

const server = await startBenchPg();
try {
  const machine0 = { postgres: postgresVersion() };
  // Generation and restore run on the fast (non-durable) settings; every scale is ready before any timing starts.
  const opened: OpenedScale[] = [];
  for (const n of names) opened.push(await openScale(server, n, { log, regenerate: values.regenerate }));
  const pgSettings = await restartForMeasurement(server);
  // PostgreSQL's processes are ours, not other work (cpu.ts): its backends are children of the postmaster.
  const dataDir = String((await adminQuery(server, 'SHOW data_directory')).rows[0]?.data_directory);
  addOwnRoot(Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]));
  const machine = machineNotes(machine0.postgres, pgSettings);
  const runs: ScaleRun[] = [];
  for (const o of opened) {
    log(`${o.info.scale}: measuring (${o.info.members.toLocaleString('en')} members, ${o.info.orgs.toLocaleString('en')} orgs)`);
    // The import target is city scale; the demo district is too small for a 100,000-row file to be realistic.
    const idleBusy = await waitForQuiet({ threshold: 0.05, maxSeconds: 600, log });
    const result = await runScenario(o, { ...options, importRows: o.info.scale === 'demo' ? null : options.importRows, log });
    runs.push({ opened: o, result, busyBefore: idleBusy });
  }
  const run: Run = { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', machine, options, runs, notRun: notRun(names, opened), command: `--scale ${names.join(',')}` };
  log(`\n${stdoutTable(run)}\n`);
  fs.mkdirSync(path.join(import.meta.dirname, '.cache'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, '.cache', 'last-run.json'), JSON.stringify(run, null, 2));
  if (values['no-doc']) log('(--no-doc: docs/benchmarks.md left as it was)');
  else if (!names.includes('city')) log('city scale not measured: docs/benchmarks.md left as it was');
  else {
    const previous = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : null;
    fs.writeFileSync(docFile, markdown(run, names, keptAnalysis(previous), keptModuleSections(previous)));
    log(`wrote ${path.relative(process.cwd(), docFile)}`);
  }
} finally {
  server.stop();
}

/** What the doc must say was not measured in this run, and why. */
function notRun(measured: ScaleName[], opened: OpenedScale[]): string[] {
  const out: string[] = ['Import at demo scale: the 100,000-row target is a city-scale figure.'];
  if (!measured.includes('province')) {
    // Extrapolate from the largest scale generated (province-shaped when region ran).
    const largest = [...opened].sort((a, b) => b.info.members - a.info.members)[0]?.info;
    const rate = largest ? largest.members / largest.generateSeconds : null;
    const bytes = largest ? (largest.databaseBytes / largest.members) * 5_000_000 : null;
    out.push(
      `Province scale (5,000,000 members, ≈ 580,000 orgs as planned) was not generated or measured in this run` +
        (rate && largest && bytes
          ? `: at the ${largest.scale} scale's generation rate (${Math.round(rate).toLocaleString('en')} members/s, bounded by one Node process encrypting and blind-indexing every member through \`createMembersBulk\`, with PostgreSQL on the other core) it would take about ${Math.round(5_000_000 / rate / 60)} minutes plus the dump, and about ${(bytes / 2 ** 30).toFixed(1)} GiB of database; it did not fit the time given to this run (the disk would hold it). The trend is measured across ${measured.join(', ')} instead.`
          : '.') +
        ' `npm run bench -- --scale demo,city,region,province` generates, caches and measures it (and keeps this file complete).',
    );
  }
  return out;
}
