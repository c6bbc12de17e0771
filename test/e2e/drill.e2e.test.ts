// Issue 14 (defect 4 and the report pages): a figure of the period report opens exactly the dossiers it counts;
// the QĐ 766 radar marks what has no data; the dashboard loads with few requests and none refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { as, DEMO_PASSWORD, loginAs, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  hasChromium,
  logInAs,
  watchConsole,
  withScreenshot,
  startBrowserApp,
  stopBrowserApp,
} from './browser.ts';

const PROVINCE = '000.00.00.H20';
const TUPHAP = '000.00.09.H20';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
  await seedDemoDossiers(t.database.db, Date.now());
}, 240_000);
afterAll(() => stopBrowserApp({ t, browser }));

async function asUser(username: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const console = watchConsole(page);
  await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)('report drill-down, radar and dashboard', () => {
  it("opens exactly Sở Tư pháp's dossiers in progress from the period report", async () => {
    const { page, console } = await asUser('tinh.giamsat');
    const year = vnToday().slice(0, 4);
    await withScreenshot(page, 'drill', async () => {
      await go(
        page,
        `/bao-cao?agency=${PROVINCE}&from=${year}-01-01&to=${year}-12-31&subtree=true&groupBy=agency`,
      );
      const cell = page.locator(`tr[data-row="${TUPHAP}"] [data-figure="inProgress.total"] a`);
      await cell.waitFor({ timeout: 20_000 });
      const shown = Number(await cell.textContent());
      // What the report's API says, and the dossiers open now at Sở Tư pháp by their own columns.
      const supervisor = await loginAs(t.app, 'tinh.giamsat');
      const report = (
        await as(t.app, supervisor)(
          'GET',
          `/api/v1/reports/resolution?agency=${PROVINCE}&from=${year}-01-01&to=${year}-12-31&subtree=true&groupBy=agency`,
        )
      ).json<{ groups: { key: string; inProgress: { total: number } }[] }>();
      const expected = report.groups.find((g) => g.key === TUPHAP)!.inProgress.total;
      expect(shown).toBe(expected);
      expect(shown).toBeGreaterThan(1);
      await page.screenshot({ path: '/tmp/drill-report.png', fullPage: true });

      await cell.click();
      await page.waitForURL(/\/bao-cao\/ho-so\?/);
      const total = page.getByTestId('drill-total');
      await total.waitFor({ timeout: 20_000 });
      expect(await total.textContent()).toBe(`Số hồ sơ: ${shown}`);
      const rows = page.locator('[data-testid="drill-list"] tbody tr');
      expect(await rows.count()).toBe(shown);
      // Each is a live dossier of Sở Tư pháp with a link to its page.
      const links = await rows
        .locator('td:first-child a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toHaveLength(shown);
      for (const href of links) expect(href).toMatch(/^\/can-bo\/ho-so\/000\.00\.09\.H20-\d{6}-\d{4}$/);
      await page.getByRole('heading', { name: 'Danh sách hồ sơ đang giải quyết' }).waitFor();
      await page.screenshot({ path: '/tmp/drill-list.png', fullPage: true });
      await expectAccessible(page);

      // A dossier of the list opens.
      await rows.first().locator('td:first-child a').click();
      await page.waitForURL(/\/can-bo\/ho-so\/000\.00\.09\.H20-/);
      await page.goBack();
      await total.waitFor();
      // Back to the report as it was asked.
      await page.getByRole('link', { name: /Quay lại báo cáo/ }).click();
      await page.locator(`tr[data-row="${TUPHAP}"]`).waitFor({ timeout: 20_000 });
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  }, 120_000);

  it.each(['tinh.giamsat', 'tuphap.pheduyet'])(
    'loads the dashboard for %s with at most 8 API requests, none refused',
    async (username) => {
      const { page, console } = await asUser(username);
      const calls: { url: string; status: number }[] = [];
      page.on('response', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/'))
          calls.push({ url: url.pathname + url.search, status: r.status() });
      });
      await withScreenshot(page, `dashboard-${username}`, async () => {
        await go(page, '/bang-dieu-khien');
        await page.locator('[data-card="open"] [data-value]').waitFor();
        await expect
          .poll(() => page.locator('[data-card="open"] [data-value]').textContent(), { timeout: 20_000 })
          .toMatch(/^\d+$/);
        await page.getByRole('img', { name: /Biểu đồ cột/ }).waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `/tmp/drill-dashboard-${username}.png`, fullPage: true });
      });
      const refused = calls.filter((c) => c.status >= 400);
      expect(refused, JSON.stringify(refused)).toEqual([]);
      expect(calls.length, calls.map((c) => c.url).join('\n')).toBeLessThanOrEqual(8);
      expect(calls.some((c) => c.url.startsWith('/api/v1/reports/dashboard?'))).toBe(true);
      expect(console.errors()).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it('shows the QĐ 766 groups without data as absent and marked, never as a zero', async () => {
    const { page, console } = await asUser('tinh.giamsat');
    await withScreenshot(page, 'radar', async () => {
      await go(page, '/bang-dieu-khien');
      const radar = page.getByRole('img', { name: /QĐ 766|766/ });
      await radar.waitFor({ timeout: 20_000 });
      const axes = radar.locator('[data-axis]');
      const n = await axes.count();
      expect(n).toBe(5);
      // Transparency (group 1) is not tracked at all: its axis is dashed and says so.
      const missing = radar.locator('[data-axis][data-nodata]');
      expect(await missing.count()).toBeGreaterThanOrEqual(1);
      expect(await missing.first().textContent()).toContain('(chưa có dữ liệu)');
      // The shape is made of the axes with data only: no vertex at the centre for a group without data.
      const measured = n - (await missing.count());
      expect(await radar.locator('[data-point]').count()).toBe(measured);
      const missingIndexes = await missing.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-axis')));
      for (const i of missingIndexes) expect(await radar.locator(`[data-point="${i}"]`).count()).toBe(0);
      // recharts draws the shape as a path (M x,y L x,y … Z, back to the first vertex when it has data).
      const shape = (await radar.locator('.recharts-radar-polygon path').first().getAttribute('d'))!;
      const vertices = new Set(shape.match(/-?[\d.]+,-?[\d.]+/g));
      expect(vertices.size).toBe(measured);
      // The table beside says "Chưa có dữ liệu", not 0.
      await expect.poll(() => page.getByRole('cell', { name: 'Chưa có dữ liệu' }).count()).toBeGreaterThan(0);
      await radar.screenshot({ path: '/tmp/drill-radar.png' });
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  }, 120_000);
});
