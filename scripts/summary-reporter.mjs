// node:test reporter that counts tests (not suites or the per-file wrapper entries) per file. Run by scripts/test.ts
// (XIANFENG_TEST_SUMMARY_FILE set) it writes the counts there and test.ts prints the closing line; run on its own it
// prints the one closing line CI reads: `N passed, N failed` (plus skipped).
import fs from 'node:fs';

export default async function* summary(source) {
  const files = {};
  const of = (file) => (files[file ?? '(unknown file)'] ??= { passed: 0, failed: 0, skipped: 0, failures: [] });
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    if (d.details?.type === 'suite') continue;
    const f = of(d.file);
    // With process isolation each file also appears as a top-level entry named by its path.
    if (d.nesting === 0 && d.file && (d.name === d.file || d.name.endsWith('.test.ts'))) {
      if (event.type === 'test:fail' && !String(d.details?.error?.failureType ?? '').includes('subtestsFailed')) {
        f.failed += 1;
        f.failures.push(`${d.name}: ${d.details?.error?.message ?? 'failed'}`);
      }
      continue;
    }
    if (d.skip || d.todo) f.skipped += 1;
    else if (event.type === 'test:pass') f.passed += 1;
    else {
      f.failed += 1;
      f.failures.push(`${d.name}: ${String(d.details?.error?.message ?? '').split('\n')[0]}`);
    }
  }
  if (process.env.XIANFENG_TEST_SUMMARY_FILE) {
    fs.writeFileSync(process.env.XIANFENG_TEST_SUMMARY_FILE, JSON.stringify(files));
    return;
  }
  const all = Object.values(files);
  const sum = (k) => all.reduce((n, f) => n + f[k], 0);
  const failures = all.flatMap((f) => f.failures);
  if (failures.length) yield `\nFailures:\n${failures.map((f) => `  ✖ ${f}`).join('\n')}\n`;
  const skipped = sum('skipped');
  yield `\n${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
