// Issue 16 items 5 and 6 in the browser: the dashboard's charts come from @mantine/charts in a chunk of
// their own (never on the home page), the labels the domain holds show in either language, and the
// dd/mm/yyyy date field (@mantine/dates) takes typed dates, refuses impossible ones and picks from a
// Vietnamese calendar. Screenshots in test-results/webkit-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  hasChromium,
  logInAs,
  startBrowserApp,
  stopBrowserApp,
  watchConsole,
  withScreenshot,
} from './browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
  await seedDemoDossiers(t.database.db, Date.now());
}, 240_000);
afterAll(() => stopBrowserApp({ t, browser }));

async function asSupervisor(language: 'vi' | 'en') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const console = watchConsole(page);
  await logInAs(page, base, 'tinh.giamsat', DEMO_PASSWORD);
  // The language chosen is kept in the browser (i18n.ts); the next page starts in it.
  await page.evaluate((lng) => localStorage.setItem('motcua.language', lng), language);
  return { page, console };
}

const scripts = (page: Page) => {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') urls.push(new URL(r.url()).pathname);
  });
  return urls;
};

describe.skipIf(!hasChromium)('charts, domain labels and the date field (issue 16)', () => {
  it('keeps recharts and the date picker off the home page', async () => {
    const page = await browser.newPage();
    const urls = scripts(page);
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => /\/assets\/(charts|DateField)-/.test(u))).toEqual([]);
    await page.close();
  });

  for (const language of ['vi', 'en'] as const) {
    it(`draws the dashboard's charts with their tables (${language})`, async () => {
      const { page, console } = await asSupervisor(language);
      const urls = scripts(page);
      await withScreenshot(page, `webkit-dashboard-${language}`, async () => {
        await page.goto(base + '/bang-dieu-khien', { waitUntil: 'networkidle' });
        const bars = page.getByRole('img', { name: language === 'vi' ? /Biểu đồ cột/ : /Bar chart/ });
        await expect
          .poll(() => bars.locator('.recharts-bar-rectangle').count(), { timeout: 20_000 })
          .toBe(12);
        const radar = page.getByRole('img', { name: /766/ });
        await expect
          .poll(() => radar.locator('[data-point]').count(), { timeout: 20_000 })
          .toBeGreaterThan(0);
        expect(urls.some((u) => /\/assets\/charts-/.test(u))).toBe(true);
        // The status names are the domain's (statusDefinitions), in the page's language.
        const refused = page.locator('[data-testid="status-counts"] tr[data-status="refused"] td').first();
        expect(await refused.textContent()).toBe(
          language === 'vi' ? 'Từ chối tiếp nhận' : 'Not received (refused)',
        );
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/webkit-dashboard-${language}.png`, fullPage: true });
      });
      expect(console.errors()).toEqual([]);
      await page.close();
    }, 120_000);

    it(`types, refuses and picks dates in the period report (${language})`, async () => {
      const { page, console } = await asSupervisor(language);
      await withScreenshot(page, `webkit-report-${language}`, async () => {
        await page.goto(base + '/bao-cao', { waitUntil: 'networkidle' });
        const from = page.getByRole('textbox', { name: language === 'vi' ? 'Từ ngày' : 'From' }).first();
        await from.waitFor({ timeout: 20_000 });
        expect(await page.locator('input[type="date"]').count()).toBe(0);
        const year = new Date().getUTCFullYear();
        // 31 February is no day: kept as typed and refused beside the field.
        await from.fill(`31/02/${year}`);
        await from.blur();
        const bad = language === 'vi' ? 'Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2026.' : /dd\/mm\/yyyy/;
        await page.getByText(bad).first().waitFor();
        expect(await from.getAttribute('aria-invalid')).toBe('true');
        expect(await from.inputValue()).toBe(`31/02/${year}`);
        // A real day typed day first is taken.
        await from.fill(`01/02/${year}`);
        await expect.poll(() => from.getAttribute('aria-invalid')).toBeNull();
        // The calendar opens on the typed month, named in the page's language.
        await from.click();
        const month = language === 'vi' ? `tháng 2 ${year}` : `February ${year}`;
        await page.getByText(new RegExp(`^${month}$`, 'i')).waitFor();
        await page.screenshot({ path: `test-results/webkit-report-date-${language}.png` });
        await page.getByRole('button', { name: `14 ${month}`, exact: true }).click();
        await expect.poll(() => from.inputValue()).toBe(`14/02/${year}`);
        await page.keyboard.press('Escape');
        await page.screenshot({ path: `test-results/webkit-report-${language}.png`, fullPage: true });
      });
      expect(console.errors()).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
