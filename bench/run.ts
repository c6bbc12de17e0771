/**
 * `npm run bench [name]`: runs one benchmark, or all of them. Each prints its figures beside a
 * baseline measured in the same run, because these machines are noisy.
 */
const benches: Record<string, () => Promise<{ main: () => Promise<void> }>> = {
  foundation: () => import('./foundation.ts'),
  calendar: () => import('./calendar.ts'),
  catalog: () => import('./catalog.ts'),
  dossiers: () => import('./dossiers.ts'),
  reports: () => import('./reports.ts'),
  forms: () => import('./forms.ts'),
  web: () => import('./web.ts'),
};

const name = process.argv[2];
const selected = name ? [name] : Object.keys(benches);
for (const n of selected) {
  const load = benches[n];
  if (!load) {
    process.stderr.write(`unknown benchmark "${n}"; known: ${Object.keys(benches).join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`\n=== bench ${n} ===\n`);
  await (await load()).main();
}
