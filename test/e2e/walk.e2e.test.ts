// Issue 14, final check: defects found walking each role's day on the demo province in Chromium
// (findings in notes/walk/findings.md), each fixed with the test that shows it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { readPdf } from '../support/pdf.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
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
  await seedDemoDossiers(t.database.db, Date.now());
}, 240_000);
afterAll(() => stopBrowserApp({ t, browser }));

async function asUser(username: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const console = watchConsole(page);
  await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get(`${base}/api/v1/me`);
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

describe.skipIf(!hasChromium)('walk of every role', () => {
  it('desk: the receipt (form 01) lists only the components the officer ticked as handed in', async () => {
    const { page, console } = await asUser('tuphap.tiepnhan');
    await withScreenshot(page, 'walk-form01', async () => {
      const created = await page.request.post(`${base}/api/v1/dossiers`, {
        headers: { 'x-csrf-token': await csrfOf(page) },
        data: {
          procedure: '2.000488',
          caseIndex: 0,
          channel: 'in_person',
          applicant: { name: 'Phạm Thị Thu Hà', personalId: '087190007777', phone: '0909777777' },
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { code } = (await created.json()) as { code: string };

      // The officer receives it at the desk, ticking the form and the ID but not the authorisation letter.
      await go(page, `/can-bo/ho-so/${code}`);
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
      await page.getByRole('checkbox', { name: /^Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/ }).check();
      await page.getByRole('checkbox', { name: /^Giấy tờ tùy thân/ }).check();
      await expect
        .poll(() => page.getByRole('checkbox', { name: /^Văn bản ủy quyền/ }).isChecked())
        .toBe(false);
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      const link = page.getByRole('link', { name: 'In giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)' });
      await link.waitFor({ timeout: 10_000 });

      const pdf = await page.request.get(base + (await link.getAttribute('href'))!);
      expect(pdf.status()).toBe(200);
      const text = (await readPdf(await pdf.body())).flat;
      expect(text).toContain('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu');
      expect(text).toContain('Giấy tờ tùy thân của người nộp hồ sơ');
      // Not handed in, so not on the paper both sign.
      expect(text).not.toContain('Văn bản ủy quyền');
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  });
  it('supervisor: the period report opens on the province with the agencies below it, not on empty figures', async () => {
    const { page, console } = await asUser('tinh.giamsat');
    await withScreenshot(page, 'walk-report-scope', async () => {
      await go(page, '/bao-cao');
      // The province's people's committee receives nothing itself: alone, every figure of its report is 0.
      await expect
        .poll(() => page.getByRole('switch', { name: 'Gồm các cơ quan trực thuộc' }).isChecked())
        .toBe(true);
      await page.getByRole('button', { name: 'Xem báo cáo' }).click();
      await page
        .getByText(/gồm các cơ quan trực thuộc$/)
        .first()
        .waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).searchParams.get('subtree')).toBe('true');
      await expect.poll(() => page.getByText('Tỉ lệ tiếp nhận trực tuyến: —').count()).toBe(0);
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  });

  it('supervisor: the imported-history badge of a drilled-down list is readable, not squeezed to a dot', async () => {
    const { page, console } = await asUser('tinh.giamsat');
    await withScreenshot(page, 'walk-drill-badge', async () => {
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      await go(
        page,
        `/bao-cao/ho-so?agency=000.00.00.H20&from=${today.slice(0, 4)}-01-01&to=${today}&subtree=true&cell=received.total`,
      );
      const badge = page.locator('[data-source="history"]').first().getByText('Nhập từ hệ thống cũ');
      await badge.waitFor({ timeout: 15_000 });
      // The whole label is shown: its box is as wide as its text.
      const fit = await badge.evaluate((e) => ({ shown: e.clientWidth, needed: e.scrollWidth }));
      expect(fit.shown).toBeGreaterThanOrEqual(fit.needed);
      expect(fit.shown).toBeGreaterThan(40);
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  });
});
