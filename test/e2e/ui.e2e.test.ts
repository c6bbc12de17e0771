// Issue 14 "smaller things" in the staff inbox and the general UI, in Chromium.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { buildWeb, webBuildNeeded } from '../../src/server/web.ts';
import { DEMO_PASSWORD, testApp, type TestApp } from '../support/app.ts';
import { expectAccessible, hasChromium, launch, watchConsole, withScreenshot } from './browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  if (webBuildNeeded()) await buildWeb();
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  // The demo dossiers: every inbox tab has something in it.
  await seedDemoDossiers(t.database.db, Date.now());
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const CITIZEN = '087090001234';

async function newPage(width = 1280): Promise<{ page: Page; console: { errors: () => string[] } }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  return { page, console: watchConsole(page) };
}

/** Logs in through the login page and waits until the app has left it. */
async function logInFrom(page: Page, path: string, username: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
  await page.waitForURL((url) => url.pathname !== '/dang-nhap');
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

describe.skipIf(!hasChromium)('issue 14 smaller things in Chromium', () => {
  it('after login staff land in their inbox at their first role’s tab, citizens at their dossiers, anyone back where they were going', async () => {
    const cases: [string, string][] = [
      ['ttpvhcc.tiepnhan', '/can-bo/ho-so?tab=receive'],
      ['tuphap.thuly', '/can-bo/ho-so?tab=handle'],
      ['tuphap.pheduyet', '/can-bo/ho-so?tab=assign'],
      ['tuphap.vanthu', '/can-bo/ho-so?tab=issue'],
      [CITIZEN, '/ho-so-cua-toi'],
    ];
    for (const [username, landing] of cases) {
      const { page, console } = await newPage();
      await withScreenshot(page, `ui-landing-${username}`, async () => {
        await logInFrom(page, '/dang-nhap', username);
        await page.waitForURL((url) => url.pathname + url.search === landing);
        expect(pathOf(page)).toBe(landing);
        expect(console.errors()).toEqual([]);
      });
      await page.close();
    }
    // A return path wins over the landing page.
    const { page } = await newPage();
    await logInFrom(page, '/dang-nhap?next=%2Flich', 'tuphap.thuly');
    await page.waitForURL((url) => url.pathname === '/lich');
    expect(pathOf(page)).toBe('/lich');
    await page.close();
  }, 120_000);

  it('inbox: status pills on one line with short labels, procedure names cut at a word with the whole name as a tooltip, “Nộp lúc” while waiting', async () => {
    const { page, console } = await newPage();
    await withScreenshot(page, 'ui-inbox', async () => {
      await logInFrom(page, '/dang-nhap', 'tuphap.tiepnhan');
      for (const tab of ['receive', 'all']) {
        await page.goto(`${base}/can-bo/ho-so?tab=${tab}`, { waitUntil: 'networkidle' });
        await page.locator('tbody tr').first().waitFor();
        const heads = await page.locator('thead th').allTextContents();
        if (tab === 'receive') expect(heads).toContain('Nộp lúc');
        else expect(heads).not.toContain('Nộp lúc');
        const rows = await page.locator('tbody tr').evaluateAll((trs) =>
          trs.map((tr) => {
            const badge = tr.querySelector<HTMLElement>('[data-status]')!;
            const label = badge.querySelector<HTMLElement>('.mantine-Badge-label') ?? badge;
            const name = tr.querySelector<HTMLElement>('[data-testid="procedure-name"]')!;
            const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || 16;
            return {
              badgeText: badge.textContent ?? '',
              badgeTitle: badge.getAttribute('title') ?? '',
              badgeLines: Math.round(label.getBoundingClientRect().height / lineHeight),
              shown: name.textContent ?? '',
              full: name.getAttribute('title') ?? '',
            };
          }),
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          expect(r.badgeLines, `${r.badgeText} wraps`).toBe(1);
          expect(r.badgeTitle.length).toBeGreaterThan(0);
          if (r.shown === r.full) continue;
          // Cut: an ellipsis after whole words of the full name.
          expect(r.shown.endsWith('…'), r.shown).toBe(true);
          const kept = r.shown.slice(0, -1);
          expect(r.full.startsWith(kept), r.shown).toBe(true);
          expect(r.full.slice(kept.length), r.shown).toMatch(/^[\s,;:.–-]/u);
        }
        if (tab === 'all') expect(rows.some((r) => r.shown !== r.full)).toBe(true);
        await page.screenshot({ path: `/tmp/ui-inbox-${tab}.png`, fullPage: true });
      }
      // The waiting online dossiers show when they were sent.
      await page.goto(`${base}/can-bo/ho-so?tab=receive`, { waitUntil: 'networkidle' });
      const submitted = page.locator('tbody tr').first().locator('td').nth(4);
      expect(await submitted.textContent()).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
      await expectAccessible(page);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('print buttons name the form by what it is, not by its number only', async () => {
    const { page } = await newPage();
    await withScreenshot(page, 'ui-print-names', async () => {
      await logInFrom(page, '/dang-nhap', 'tuphap.thuly');
      const res = await page.request.get(
        `${base}/api/v1/dossiers?${new URLSearchParams({ status: 'processing', pageSize: '1' })}`,
      );
      const { items } = (await res.json()) as { items: { code: string }[] };
      await page.goto(`${base}/can-bo/ho-so/${items[0]!.code}`, { waitUntil: 'networkidle' });
      const control = page.getByRole('link', { name: 'In phiếu kiểm soát quá trình giải quyết (mẫu 06)' });
      await control.waitFor();
      const receipt = page.getByRole('link', { name: 'In giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)' });
      await receipt.waitFor();
      for (const link of await page.locator('a[data-form]').all())
        expect(await link.textContent()).not.toMatch(/^In mẫu \d+$/);
    });
    await page.close();
  }, 60_000);
});

describe.skipIf(!hasChromium)('the assignment in the history', () => {
  it('names the assignee, on the staff page and on the citizen’s', async () => {
    const { page, console } = await newPage();
    await withScreenshot(page, 'ui-history-assignee', async () => {
      await logInFrom(page, '/dang-nhap', CITIZEN);
      const res = await page.request.get(
        `${base}/api/v1/dossiers?${new URLSearchParams({ status: 'processing', pageSize: '50' })}`,
      );
      const { items } = (await res.json()) as { items: { code: string; assigneeId: string | null }[] };
      // The citizen's list does not say who handles a dossier: open each until one was assigned.
      let code = '';
      for (const item of items) {
        const view = (await (await page.request.get(`${base}/api/v1/dossiers/${item.code}`)).json()) as {
          history: { action: string }[];
        };
        if (view.history.some((h) => h.action === 'assign')) {
          code = item.code;
          break;
        }
      }
      expect(code).not.toBe('');
      await page.goto(`${base}/ho-so-cua-toi/${code}`, { waitUntil: 'networkidle' });
      const line = page.getByText(/^Người thụ lý: \S/);
      await line.waitFor();
      const name = (await line.textContent())!.replace('Người thụ lý: ', '');
      expect(console.errors()).toEqual([]);
      await page.close();

      const staff = await newPage();
      // The province's supervisor sees every agency's dossiers.
      await logInFrom(staff.page, '/dang-nhap', 'tinh.giamsat');
      await staff.page.goto(`${base}/can-bo/ho-so/${code}`, { waitUntil: 'networkidle' });
      await staff.page.getByText(`Người thụ lý: ${name}`).waitFor();
      await staff.page.close();
    });
  }, 90_000);
});

describe('English plurals', () => {
  it('every English string with a count has its singular, and amounts agree with their unit', async () => {
    // i18n.ts sets the page's language attribute when loaded: a stand-in document is enough here.
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    const { default: i18n } = await import('../../src/web/src/i18n.ts');
    const en = i18n.getResourceBundle('en', 'translation') as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          walk(value as Record<string, unknown>, `${path}${key}.`);
        else if (
          typeof value === 'string' &&
          value.includes('{{count}}') &&
          !/_(one|other|zero|two|few|many)$/.test(key) &&
          !(`${key}_one` in node)
        )
          missing.push(path + key);
      }
    };
    walk(en, '');
    expect(missing).toEqual([]);
    // Units are called with the amount as count.
    const units = [en.units, (en.adm as Record<string, unknown>).durUnits] as Record<string, string>[];
    for (const group of units)
      for (const key of Object.keys(group).filter((k) => !k.endsWith('_one') && k !== 'sameDay'))
        expect(group, key).toHaveProperty(`${key}_one`);
    const t = i18n.getFixedT('en');
    expect(t('units.working_days', { count: 1 })).toBe('working day');
    expect(t('units.working_days', { count: 0.5 })).toBe('working days');
    expect(t('units.working_hours', { count: 1 })).toBe('working hour');
    expect(t('units.sameDay')).toBe('Same day');
    expect(i18n.getFixedT('vi')('units.sameDay')).toBe('Trong ngày');
    expect(t('inbox.count', { count: 1 })).toBe('1 dossier');
    expect(t('inbox.count', { count: 2 })).toBe('2 dossiers');
    expect(t('home.results', { count: 1 })).toBe('1 procedure');
    vi.unstubAllGlobals();
  });
});
