/**
 * Deadline engine benchmark: one due time for each of 1,000,000 random receipts across 2020–2030.
 * Run with `npm run bench calendar` or `node --import tsx bench/calendar.ts`.
 * A baseline loop over the same inputs (start + amount × 1 day) is timed in the same run, so figures
 * from noisy or slower machines can be compared by their ratio.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  computeDue,
  createWorkCalendar,
  type DueInput,
  type DurationUnit,
} from '../src/domain/calendar/index.ts';

const COUNT = 1_000_000;
const WARM_UP = 100_000;
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1) - 7 * 3_600_000;
const LAST = Date.UTC(2030, 11, 31) - 7 * 3_600_000;

// Seeded (mulberry32) so every run times the same inputs.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly working_days 1–30 as in published procedures, with some hours, calendar days, months, same-day. */
function makeInputs(count: number, seed: number): DueInput[] {
  const next = random(seed);
  const inputs: DueInput[] = [];
  for (let i = 0; i < count; i++) {
    const start = FIRST + Math.floor(next() * (LAST - FIRST));
    const r = next();
    let unit: DurationUnit = 'working_days';
    let amount = 1 + Math.floor(next() * 30);
    if (r < 0.08) {
      unit = 'working_hours';
      amount = 1 + Math.floor(next() * 40);
    } else if (r < 0.14) {
      unit = 'calendar_days';
      amount = 1 + Math.floor(next() * 60);
    } else if (r < 0.18) {
      unit = 'months';
      amount = 1 + Math.floor(next() * 12);
    } else if (r < 0.2) {
      amount = 0;
    }
    const input: DueInput = { start, amount, unit };
    if (unit === 'working_days' && next() < 0.1) input.mode = 'end_of_day';
    if (next() < 0.1) {
      const from = start + Math.floor(next() * 10 * DAY_MS);
      input.pauses = [{ from, to: from + Math.floor(next() * 5 * DAY_MS) }];
    }
    inputs.push(input);
  }
  return inputs;
}

export async function main(): Promise<void> {
  const calendar = createWorkCalendar();
  const inputs = makeInputs(COUNT, 20260213);

  // Warm-up on other inputs: fills the calendar's per-year cache and lets the JIT settle.
  for (const input of makeInputs(WARM_UP, 1)) computeDue(input, calendar);
  // Let pending work (GC of the warm-up garbage, other bench output) run before timing.
  await new Promise<void>((resolve) => setImmediate(resolve));

  let checksum = 0;
  let t0 = performance.now();
  for (const input of inputs) checksum += input.start + input.amount * DAY_MS;
  const baselineMs = performance.now() - t0;

  let dueSum = 0;
  t0 = performance.now();
  for (const input of inputs) dueSum += computeDue(input, calendar);
  const totalMs = performance.now() - t0;

  const perDueUs = (totalMs * 1000) / COUNT;
  const baselineUs = (baselineMs * 1000) / COUNT;
  console.log(`calendar: ${COUNT.toLocaleString('en')} due times in ${totalMs.toFixed(1)} ms`);
  console.log(`  computeDue: ${perDueUs.toFixed(3)} µs per due time (target < 5 µs)`);
  console.log(
    `  baseline (start + amount × 1 day): ${baselineUs.toFixed(4)} µs per item, ${baselineMs.toFixed(1)} ms total`,
  );
  console.log(`  ratio computeDue / baseline: ${(totalMs / baselineMs).toFixed(0)}×`);
  // Printed so neither loop can be optimised away.
  console.log(`  checksums: ${(checksum % 1e9).toFixed(0)} ${(dueSum % 1e9).toFixed(0)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
