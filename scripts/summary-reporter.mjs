// node:test reporter that prints one closing line CI reads: `N passed, N failed` (plus skipped).
// Counts tests, not suites or the per-file wrapper entries.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    if (d.details?.type === 'suite') continue;
    // With process isolation each file also appears as a top-level entry named by its path.
    if (d.nesting === 0 && d.file && (d.name === d.file || d.name.endsWith('.test.ts'))) {
      if (event.type === 'test:fail' && !String(d.details?.error?.failureType ?? '').includes('subtestsFailed')) {
        failed += 1;
        failures.push(`${d.name}: ${d.details?.error?.message ?? 'failed'}`);
      }
      continue;
    }
    if (d.skip || d.todo) skipped += 1;
    else if (event.type === 'test:pass') passed += 1;
    else {
      failed += 1;
      failures.push(`${d.name}: ${String(d.details?.error?.message ?? '').split('\n')[0]}`);
    }
  }
  if (failures.length) yield `\nFailures:\n${failures.map((f) => `  ✖ ${f}`).join('\n')}\n`;
  yield `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
