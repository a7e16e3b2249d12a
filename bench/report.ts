import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Stats } from './measure.ts';
import { scales, type OpenedScale, type ScaleName } from './generate.ts';
import type { ScenarioResult } from './scenario.ts';

/** Machine notes, the stdout table and docs/benchmarks.md, from one run's measurements. */

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  postgres: string;
  pgSettings: string;
  disk: string;
  kernel: string;
}

export function machineNotes(postgres: string, pgSettings: string): Machine {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const df = execFileSync('df', ['-h', '--output=size,avail,source', '/work'], { encoding: 'utf8' }).trim().split('\n').pop()!.trim().split(/\s+/);
  return {
    cpu,
    cores: os.cpus().length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    pgSettings,
    disk: `${df[2]}: ${df[0]} total, ${df[1]} free at start`,
    kernel: `${os.type()} ${os.release()}`,
  };
}

export interface ScaleRun {
  opened: OpenedScale;
  result: ScenarioResult;
  /** Share of the CPU other work used just before measuring (after waiting for the machine to go quiet). */
  busyBefore: number;
}

export interface Run {
  date: string;
  machine: Machine;
  options: { samples: number; warmup: number; connections: number; loadSeconds: number; rounds: number; importRows: number | null };
  runs: ScaleRun[];
  notRun: string[];
  command: string;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtStats = (s: Stats) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.mean)}${s.n < 300 ? ` (n=${s.n})` : ''}`;
const int = (n: number) => n.toLocaleString('en');
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const pass = (ok: boolean) => (ok ? '**pass**' : '**FAIL**');

function maxExternal(r: ScenarioResult): number {
  return Math.max(...[r.listStreet, r.listStreetName, r.rawListStreet, r.countDistrictList, r.countDistrictOrgView, ...r.loadApp, ...r.loadRaw].map((x) => x.external));
}

export const TARGETS = { listP95Ms: 20, rpsRatio: 0.4, importSeconds: 30 } as const;

export function rpsOf(r: ScenarioResult) {
  const app = mean(r.loadApp.map((l) => l.rps));
  const raw = mean(r.loadRaw.map((l) => l.rps));
  return { app, raw, ratio: app / raw };
}

/** The city-scale verdicts the issue sets targets for. */
function verdicts(city: ScaleRun, connections: number) {
  const r = city.result;
  const { app, raw, ratio } = rpsOf(r);
  const imp = r.importResult;
  return [
    ['member list at a street, first page, no filter: p95 server time', `${ms(r.listStreet.server.p95)} ms`, `≤ ${TARGETS.listP95Ms} ms`, pass(r.listStreet.server.p95 <= TARGETS.listP95Ms)],
    [`member list at a street, name filter \`q=${r.nameQuery}\`: p95 server time`, `${ms(r.listStreetName.server.p95)} ms`, `≤ ${TARGETS.listP95Ms} ms`, pass(r.listStreetName.server.p95 <= TARGETS.listP95Ms)],
    [`member list, ${connections} connections: app ÷ raw \`pg\` requests/s`, `${int(Math.round(app))} ÷ ${int(Math.round(raw))} = ${(ratio * 100).toFixed(0)}%`, `≥ ${TARGETS.rpsRatio * 100}%`, pass(ratio >= TARGETS.rpsRatio)],
    ['subtree member count at the district root: p95 (list total / org view)', `${ms(r.countDistrictList.server.p95)} / ${ms(r.countDistrictOrgView.server.p95)} ms`, 'no target', '—'],
    imp && imp.seconds !== null
      ? [`import of a ${int(imp.imported! + imp.failed!)}-row .xlsx (mode=all)`, `${imp.seconds.toFixed(1)} s (${int(imp.imported!)} imported, ${imp.failed} failed)`, `≤ ${TARGETS.importSeconds} s`, pass(imp.seconds <= TARGETS.importSeconds && imp.failed === 0)]
      : ['import of a 100,000-row .xlsx', imp?.note ?? 'not run', `≤ ${TARGETS.importSeconds} s`, '—'],
  ];
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function perScale(runs: ScaleRun[]): string {
  const head = ['', ...runs.map((r) => r.opened.info.scale)];
  const row = (label: string, f: (r: ScaleRun) => string) => [label, ...runs.map(f)];
  return table(head, [
    row('CPU used by other work: before / most during a timed step', (r) => `${(r.busyBefore * 100).toFixed(0)}% / ${(maxExternal(r.result) * 100).toFixed(0)}%`),
    row('members / orgs / branches', (r) => `${int(r.opened.info.members)} / ${int(r.opened.info.orgs)} / ${int(r.opened.info.branches)}`),
    row('street measured: members', (r) => `${r.opened.info.street.name}: ${int(r.result.streetTotal)}`),
    row('district root: members', (r) => `${r.opened.info.district.name}: ${int(r.result.districtTotal)}`),
    row('list at the street, no filter — server p50 / p95 / mean ms', (r) => fmtStats(r.result.listStreet.server)),
    row('  same, round trip seen by the client p50 / p95', (r) => `${ms(r.result.listStreet.client.p50)} / ${ms(r.result.listStreet.client.p95)}`),
    row('  same SQL through raw `pg` (baseline) p50 / p95 / mean ms', (r) => fmtStats(r.result.rawListStreet.server)),
    row(`list at the street, \`q=${runs[0]?.result.nameQuery ?? ''}\` — p50 / p95 / mean ms (matches)`, (r) => `${fmtStats(r.result.listStreetName.server)} (${int(r.result.streetNameTotal)})`),
    row('district admin `GET /api/members?pageSize=1` (total) — p50 / p95 / mean ms', (r) => fmtStats(r.result.countDistrictList.server)),
    row('district admin `GET /api/orgs/:root` (org view, subtree counts) — p50 / p95 / mean ms', (r) => fmtStats(r.result.countDistrictOrgView.server)),
    row('requests/s under load: app / raw `pg` / ratio', (r) => {
      const x = rpsOf(r.result);
      return `${int(Math.round(x.app))} / ${int(Math.round(x.raw))} / ${(x.ratio * 100).toFixed(0)}%`;
    }),
    row('  latency under load, app p50 / p97.5 ms', (r) => `${mean(r.result.loadApp.map((l) => l.latencyP50)).toFixed(0)} / ${mean(r.result.loadApp.map((l) => l.latencyP97_5)).toFixed(0)}`),
    row('  non-2xx or errors under load (app + raw)', (r) => String([...r.result.loadApp, ...r.result.loadRaw].reduce((a, l) => a + l.non2xx + l.errors, 0))),
    row('import .xlsx (mode=all): wall s (server s)', (r) => {
      const i = r.result.importResult;
      if (!i) return 'not run';
      return i.seconds === null ? i.note! : `${i.seconds.toFixed(1)} (${i.serverSeconds?.toFixed(1) ?? '?'}) — ${int(i.imported!)} rows, ${(i.fileBytes / 1e6).toFixed(1)} MB`;
    }),
  ]);
}

function generation(runs: ScaleRun[]): string {
  return table(
    ['scale', 'what', 'members', 'orgs', 'generated in', 'members/s', 'database size', 'generated on', 'this run'],
    runs.map(({ opened: { info, source } }) => [
      info.scale,
      scales[info.scale].description,
      int(info.members),
      int(info.orgs),
      `${info.generateSeconds.toFixed(0)} s`,
      int(Math.round(info.members / info.generateSeconds)),
      `${(info.databaseBytes / 2 ** 20).toFixed(0)} MiB`,
      info.generatedAt.slice(0, 16).replace('T', ' '),
      source.kind === 'generated' ? 'generated' : `restored from the cache in ${source.seconds.toFixed(0)} s`,
    ]),
  );
}

export function stdoutTable(run: Run): string {
  const city = run.runs.find((r) => r.opened.info.scale === 'city');
  const parts = [perScale(run.runs)];
  if (city) parts.unshift(table(['city scale', 'measured', 'target', ''], verdicts(city, run.options.connections)));
  return parts.join('\n\n');
}

const ANALYSIS = /<!-- analysis -->[\s\S]*?<!-- \/analysis -->/;
/** The sections other benchmarks write (bench/compliance.ts, bench/dues.ts, bench/stats.ts), each between its own markers. */
export const moduleSections = ['compliance', 'dues', 'stats'] as const;
export type ModuleSection = (typeof moduleSections)[number];
const sectionRe = (name: ModuleSection) => new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);

/** The module sections of an earlier doc, carried over (in order) when `npm run bench` regenerates it. */
export function keptModuleSections(previousDoc: string | null): string {
  return moduleSections
    .map((name) => previousDoc?.match(sectionRe(name))?.[0] ?? '')
    .filter(Boolean)
    .join('\n\n');
}

/** Replaces a module's section between its markers, or adds it before "## How to run". */
export function withModuleSection(doc: string, name: ModuleSection, section: string): string {
  if (sectionRe(name).test(doc)) return doc.replace(sectionRe(name), () => section);
  const at = doc.indexOf('## How to run');
  return at < 0 ? `${doc.trimEnd()}\n\n${section}\n` : `${doc.slice(0, at)}${section}\n\n${doc.slice(at)}`;
}

/** The hand-written analysis of an earlier doc, carried over when the doc is regenerated. */
export function keptAnalysis(previousDoc: string | null): string {
  return previousDoc?.match(ANALYSIS)?.[0] ?? '<!-- analysis -->\n(No analysis written yet: edit between these markers; `npm run bench` keeps it.)\n<!-- /analysis -->';
}

export function markdown(run: Run, scalesMeasured: ScaleName[], analysis: string, modules = ''): string {
  const m = run.machine;
  const city = run.runs.find((r) => r.opened.info.scale === 'city');
  const o = run.options;
  return `# Benchmarks

Generated by \`npm run bench\` (${run.command}) on ${run.date}. Every figure below was measured in that run; ratios
compare with a baseline measured in the same run. Benchmarks are never tests: nothing here fails the build.

## Machine

| | |
|---|---|
| CPU | ${m.cpu}, ${m.cores} cores |
| RAM | ${m.ramGiB} GiB |
| disk | ${m.disk} |
| OS | ${m.kernel} |
| Node | ${m.node} |
| PostgreSQL | ${m.postgres}, local, TCP on 127.0.0.1; measured with ${m.pgSettings} |

The load generator (autocannon), the app and PostgreSQL share the same ${m.cores} cores. The machine is shared with
other work (builds, test runs), so the benchmark accounts for CPU time (\`bench/cpu.ts\`): its own process, its
servers and PostgreSQL's processes are "ours", the rest is other work. Before each scale it waits until other
work uses at most 5% of the cores; a timed step during which other work used more than 10% is taken again (up to
three times). The table shows the share other work used before each scale and the most it used during a step.

## Verdicts at city scale

${city ? table(['', 'measured', 'target', ''], verdicts(city, o.connections)) : 'City scale was not measured in this run.'}

## Analysis

Written by hand against the figures of the run named at the top; kept when the file is regenerated.

${analysis}

## All measurements, by scale

Server time is Fastify's \`reply.elapsedTime\` when the answer is sent (from the request's arrival to the reply),
read from a \`Server-Timing\` header the benchmark adds to the app instance; the baseline reports the same span
around its two queries. ${o.samples} sequential requests per row after ${o.warmup} warm-up requests (a slow endpoint
stops after 90 s once it has 200; the row then shows n), over keep-alive HTTP on loopback. Load: autocannon, ${o.connections} connections, ${o.rounds} rounds of ${o.loadSeconds} s (after 2 s of
warm-up each), app and baseline alternating; requests/s = 2xx answers ÷ duration, averaged over the rounds.

${perScale(run.runs)}

## Scales

${generation(run.runs)}

Generation times are those of the run that generated the scale (the date column); a cached scale keeps them.

- **demo** is the demo seed (\`seedDemoDistrict\`) itself: 1 区委, 4 街道, 20 社区, ≈ 140 branches.
- **city** is one large 区委 (the tree's root, a \`local_committee\`): 区直 working committees (机关, 教育, 卫健,
  非公和社会组织) and a 国资委 committee with 集团 committees, 总支 and branches (≈ 35% of members), and 20–30
  街道党工委 / 镇党委 (≈ 65%), each with 社区党委 or 党总支 (3–7 网格党支部 with their 网格, a 离退休党支部, sometimes
  a 物业 branch) or 村党委/总支 (village branches, a 老年党支部), 机关 branches, 非公 and 社会组织 branches,
  联合党支部 and enterprise committees. Branch sizes depend on the kind of unit (community and retired branches
  large, 两新 branches small): at city scale 3–39 members, median 20, a tenth ≤ 6 and a tenth ≥ 31; branches of
  15 or more have 0–3 党小组. "Branches" in the tables counts every member-holding kind, 党总支 included. Members get the demo seed's attributes (\`demo-data.ts\`: names, valid ID numbers, ages, dates,
  education, occupation, categories by kind of unit, 5% probationary, some discipline records).
- **region** and **province** are 省委 → 3 (region) or 15 (province) 市委 → 6–12 区委 each, every 区委 planned like
  the city's with its share of the members (30,000–60,000 each). Region is province-shaped at a fifth of the size:
  the largest scale generated on this machine (see below).
- The org tree is inserted set-based (\`bench/tree.ts\` gives each org the seq, path and 统一编码 \`createOrg\` would,
  in creation order; one audit event for the bulk); members go through \`createMembersBulk\` in chunks of 5,000,
  so ID numbers, phones and addresses are really encrypted and blind-indexed. Accounts: \`district\` (org admin
  and PII officer of the largest district) and \`street1\` (org admin of the largest street).
- Generation is deterministic (seeded generator, fixed clock ${'`'}2026-11-22${'`'}, fixed bench key) and cached as
  \`pg_dump -Fc\` files in \`bench/.cache/\` (ignored by git), keyed by the generator, the seed and the migrations.

## What each measurement is

- **list at a street**: \`GET /api/members?page=1&pageSize=20\` as \`street1\`: session lookup, the scoped filter,
  the page query (\`ORDER BY o.code, m.name, m.id\`) and the count in parallel, decryption and masking of 20 rows,
  response validation. **Name filter**: the same with \`q=${city?.result.nameQuery ?? '张'}\` (a \`LIKE '%…%'\` on names).
- **baseline**: a plain \`node:http\` server running the same two statements through a \`pg.Pool\` of 10 (the app's
  pool size) and answering the rows as JSON. The statements are captured from the app's own filter builder and
  repository (\`bench/list-sql.ts\`), so they are the same text and parameters.
- **subtree count at the district root**: as \`district\`, \`GET /api/members?pageSize=1\` (the list's total over the
  whole district, with its one-row page) and \`GET /api/orgs/<district id>\` (the org view, whose subtree counts run
  over the whole district).
- **import**: a generated .xlsx (exceljs streaming writer) of new members with valid, unused ID numbers, spread
  over every branch of the measured street and naming them by 统一编码, posted to
  \`POST /api/members/import?mode=all&orgId=<street>\` as \`street1\`; wall time from the start of the upload to the
  answer, with the server's own time in brackets.

${modules ? `${modules}\n\n` : ''}## How to run

\`\`\`sh
npm run bench                              # demo, city and region; writes this file
npm run bench -- --scale city              # one scale (the doc is written when city is measured)
npm run bench -- --scale demo,city,region,province
npm run bench -- --scale city --regenerate # ignore the cache
npm run bench -- --scale city --no-doc     # print only
node --import tsx bench/compliance.ts      # organisational-life compliance at city scale; writes its own section
\`\`\`

Other options: \`--samples N\`, \`--seconds N\` (per load round), \`--rounds N\`, \`--import-rows N\` (0 skips the import).
The first run of a scale generates it (see the generation times above) and caches it; later runs restore it.
Later modules' benchmarks reuse the scales through \`openScale()\` in \`bench/generate.ts\`.

## Not run, or not as specified

${run.notRun.length ? run.notRun.map((x) => `- ${x}`).join('\n') : '- Nothing.'}

Scales measured in this run: ${scalesMeasured.join(', ')}.
`;
}
