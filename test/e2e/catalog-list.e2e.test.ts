// Issue 14, defect 11: the public procedure list shows every procedure through its pages, filters by agency
// (field, level, online level), and without a query lists the most used first, then in Vietnamese order.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchProcedures } from '../../src/features/catalog/search-procedures.ts';
import { demoProcedures } from '../../src/features/demo/catalog-data.ts';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { demoAgencies } from '../../src/features/demo/demo-data.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  logInAs,
  watchConsole,
  withScreenshot,
  startBrowserApp,
  stopBrowserApp,
} from './browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
  // The demo's dossiers and two years of history: the list's "most used first" has something to show.
  expect((await seedDemoDossiers(t.database.db, Date.now())).seeded).toBe(true);
  // Use counts are read when the search snapshot is built: have it built again, then wait for it.
  await t.database.pool.query(`SELECT pg_notify('motcua_catalog', 'test: dossiers seeded')`);
  const expected = (await searchProcedures(t.database.db, { page: 1, pageSize: 47 }, new Date())).items;
  for (let tries = 0; ; tries++) {
    const res = await t.app.inject('/api/v1/procedures?pageSize=47');
    const codes = res.json<{ items: { code: string }[] }>().items.map((i) => i.code);
    if (codes.join() === expected.map((i) => i.code).join()) break;
    if (tries > 150) throw new Error('the search snapshot was not rebuilt');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

/** The procedure codes listed on the page, in order. */
async function listed(page: Page): Promise<string[]> {
  return page.locator('ol li[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!));
}

describe.skipIf(!hasChromium)('public procedure list in Chromium', () => {
  it('shows all 47 procedures through its pages, each once, in the order the API gives', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const console = watchConsole(page);
    await withScreenshot(page, 'catalog-list-pages', async () => {
      await go(page, '/');
      await page.getByTestId('result-count').getByText('47 thủ tục, trang 1/3').waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: 'test-results/catalog-list-home.png', fullPage: true });
      const seen: string[] = [];
      for (let p = 1; p <= 3; p++) {
        if (p > 1) {
          await page.getByRole('button', { name: `Trang ${p}`, exact: true }).click();
          await page.getByTestId('result-count').getByText(`47 thủ tục, trang ${p}/3`).waitFor();
          await expect.poll(async () => (await listed(page))[0]).not.toBe(seen[(p - 2) * 20]);
          expect(new URL(page.url()).searchParams.get('page')).toBe(String(p));
        }
        seen.push(...(await listed(page)));
      }
      expect(seen).toHaveLength(47);
      expect(new Set(seen)).toEqual(new Set(demoProcedures.map((d) => d.code)));
      const api = await (await fetch(`${base}/api/v1/procedures?pageSize=47`)).json();
      expect(seen).toEqual(api.items.map((i: { code: string }) => i.code));
      // "Back" from a procedure returns to the same page of the list.
      await page.locator('ol li[data-code] a').first().click();
      await page.waitForURL(/\/thu-tuc\//);
      await page.goBack();
      await page.getByTestId('result-count').getByText('47 thủ tục, trang 3/3').waitFor();
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 60_000);

  it('filters by agency (and by online level), and clears the filters', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const console = watchConsole(page);
    const tuphap = demoAgencies.find((a) => a.key === 'tuphap')!;
    const ofTuphap = demoProcedures.filter((p) => p.agencies.includes('tuphap')).map((p) => p.code);
    await withScreenshot(page, 'catalog-list-filter', async () => {
      await go(page, '/');
      await page.getByTestId('result-count').getByText('47 thủ tục', { exact: false }).waitFor();
      await page.getByRole('combobox', { name: 'Cơ quan thực hiện', exact: true }).click();
      await page.getByRole('option', { name: tuphap.name, exact: true }).click();
      await page
        .getByTestId('result-count')
        .getByText(`${ofTuphap.length} thủ tục`, { exact: true })
        .waitFor();
      expect((await listed(page)).sort()).toEqual([...ofTuphap].sort());
      expect(new URL(page.url()).searchParams.get('agency')).toBe(tuphap.code);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: 'test-results/catalog-list-agency.png', fullPage: true });

      const fullOnline = demoProcedures.filter((p) => p.agencies.includes('tuphap') && p.online === 'full');
      await page.getByRole('combobox', { name: 'Dịch vụ công trực tuyến', exact: true }).click();
      await page.getByRole('option', { name: 'Toàn trình', exact: true }).click();
      await expect
        .poll(async () => (await listed(page)).sort())
        .toEqual(fullOnline.map((p) => p.code).sort());

      await page.getByRole('button', { name: 'Bỏ tất cả bộ lọc' }).click();
      await page.getByTestId('result-count').getByText('47 thủ tục, trang 1/3').waitFor();
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 60_000);

  it('no longer shows a dossier’s change counter ("Phiên bản 14") to staff', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logInAs(page, base, 'tuphap.tiepnhan', DEMO_PASSWORD);
    const list = await page.request.get(`${base}/api/v1/dossiers?pageSize=1`);
    const [first] = ((await list.json()) as { items: { code: string | null; id: string }[] }).items;
    await go(page, `/can-bo/ho-so/${first!.code ?? first!.id}`);
    await page.getByTestId('last-change').waitFor();
    expect(await page.getByTestId('last-change').textContent()).toMatch(
      /^Cập nhật lần cuối: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/,
    );
    expect(await page.locator('body').textContent()).not.toMatch(/Phiên bản \d/);
    await page.close();
  }, 60_000);

  it('the agencies page speaks to the public', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await go(page, '/co-quan');
    await page.getByRole('heading', { name: 'Danh sách cơ quan' }).waitFor();
    await page.screenshot({ path: 'test-results/catalog-agencies.png', fullPage: true });
    await expectAccessible(page);
    await page.close();
  }, 60_000);
});
