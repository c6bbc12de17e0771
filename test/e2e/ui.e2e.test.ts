// Issue 14 "smaller things" in the staff inbox and the general UI, in Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications, users } from '../../src/db/schema.ts';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  hasChromium,
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
  // The demo dossiers: every inbox tab has something in it.
  await seedDemoDossiers(t.database.db, Date.now());
}, 180_000);
afterAll(() => stopBrowserApp({ t, browser }));

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

describe.skipIf(!hasChromium)('the notification centre', () => {
  it('a bell with the unread count on every page; the list newest first, paged, marked read one by one or all, each leading to its dossier', async () => {
    // The demo citizen has the notices the demo dossiers sent; 25 more of two kinds, one the table does not
    // know yet, make a second page.
    const [user] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, CITIZEN));
    const start = Date.now() - 3 * 86_400_000;
    await t.database.db.insert(notifications).values(
      Array.from({ length: 25 }, (_, i) => ({
        userId: user!.id,
        dossierId: null,
        kind: i === 24 ? 'dossier.opinion_requested_test' : 'dossier.overdue',
        dedupeKey: `ui-test-${i}`,
        title: `Thông báo thử số ${i + 1}`,
        titleEn: `Test notice number ${i + 1}`,
        createdAt: new Date(start + i * 60_000),
      })),
    );
    const { page, console } = await newPage();
    await withScreenshot(page, 'ui-notifications', async () => {
      await logInFrom(page, '/dang-nhap', CITIZEN);
      const api = async () =>
        (await (await page.request.get(`${base}/api/v1/me/notifications?pageSize=200`)).json()) as {
          items: {
            id: number;
            title: string;
            dossierCode: string | null;
            readAt: string | null;
            createdAt: string;
          }[];
          total: number;
          unread: number;
        };
      const before = await api();
      expect(before.unread).toBeGreaterThan(25);
      const bell = page.getByTestId('notification-bell');
      // On any page, the public ones too.
      for (const path of ['/', '/lich', '/ho-so-cua-toi']) {
        await page.goto(base + path, { waitUntil: 'networkidle' });
        await expect.poll(() => bell.getAttribute('aria-label')).toBe(`Thông báo: ${before.unread} chưa đọc`);
        expect(await page.getByTestId('notification-count').textContent()).toBe(String(before.unread));
      }
      await bell.click();
      await page.waitForURL((url) => url.pathname === '/thong-bao');
      await page.getByRole('heading', { name: 'Thông báo' }).waitFor();
      const items = page.locator('[data-notice]');
      await items.first().waitFor();
      expect(await items.count()).toBe(20);
      // Newest first: the API's order, which is by time.
      const times = before.items.map((n) => Date.parse(n.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const shownIds = await items.evaluateAll((els) =>
        els.map((e) => Number(e.getAttribute('data-notice'))),
      );
      expect(shownIds).toEqual(before.items.slice(0, 20).map((n) => n.id));
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/ui-notifications.png', fullPage: true });

      // Page 2 holds the rest, the kind the table does not know under a plain label.
      await page.getByRole('button', { name: 'Trang 2' }).click();
      await expect.poll(() => items.first().getAttribute('data-notice')).toBe(String(before.items[20]!.id));
      const unknown = page.locator(
        `[data-notice="${before.items.find((n) => n.title === 'Thông báo thử số 25')!.id}"]`,
      );
      if ((await unknown.count()) === 0) await page.getByRole('button', { name: 'Trang 1' }).click();
      await expect.poll(() => unknown.textContent()).toContain('Thông báo thử số 25');
      expect(await unknown.locator('.mantine-Badge-label').textContent()).toBe('Thông báo');
      await page.getByRole('button', { name: 'Trang 1' }).click();

      // Mark one read.
      const first = before.items[0]!;
      await page.getByRole('button', { name: `Đánh dấu đã đọc: ${first.title}` }).click();
      await expect
        .poll(() => bell.getAttribute('aria-label'))
        .toBe(`Thông báo: ${before.unread - 1} chưa đọc`);
      await expect
        .poll(() => page.locator(`[data-notice="${first.id}"]`).getAttribute('data-unread'))
        .toBe('false');
      expect((await api()).unread).toBe(before.unread - 1);

      // A notice of a dossier leads to it and is read by opening it.
      const withDossier = before.items.find(
        (n) => n.dossierCode !== null && n.readAt === null && n.id !== first.id,
      )!;
      const pageOf = Math.floor(before.items.indexOf(withDossier) / 20) + 1;
      if (pageOf > 1) await page.getByRole('button', { name: `Trang ${pageOf}` }).click();
      await page.locator(`[data-notice="${withDossier.id}"] a`).click();
      await page.waitForURL((url) => url.pathname === `/ho-so-cua-toi/${withDossier.dossierCode}`);
      await expect
        .poll(() => bell.getAttribute('aria-label'))
        .toBe(`Thông báo: ${before.unread - 2} chưa đọc`);

      // All read: the bell shows no count.
      await page.goto(`${base}/thong-bao`, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('Thông báo');
      expect(await page.getByTestId('notification-count').count()).toBe(0);
      expect((await api()).unread).toBe(0);

      // In English.
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Notifications' }).waitFor();
      await page.getByText('Test notice number 25').waitFor();
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('staff get the bell too, and their notices lead to the staff dossier page', async () => {
    const { page } = await newPage();
    await logInFrom(page, '/dang-nhap', 'tuphap.thuly');
    await page.getByTestId('notification-bell').waitFor();
    await page.goto(`${base}/thong-bao`, { waitUntil: 'networkidle' });
    const links = await page
      .locator('[data-notice] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) expect(href).toMatch(/^\/can-bo\/ho-so\//);
    await page.close();
  }, 60_000);
});

describe.skipIf(!hasChromium)('deleting a draft', () => {
  it('the applicant deletes a draft from My dossiers after confirming; a submitted dossier offers no delete', async () => {
    const { page, console } = await newPage();
    await withScreenshot(page, 'ui-delete-draft', async () => {
      await logInFrom(page, '/dang-nhap', CITIZEN);
      const me = (await (await page.request.get(`${base}/api/v1/me`)).json()) as { csrfToken: string };
      const created = await page.request.post(`${base}/api/v1/dossiers`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { procedure: '2.000488', caseIndex: 0, channel: 'online', submit: false },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      await page.goto(`${base}/ho-so-cua-toi`, { waitUntil: 'networkidle' });
      const card = page.locator('li', { has: page.locator(`a[href="/ho-so-cua-toi/${id}"]`) });
      await card.waitFor();
      // Cancelling keeps it.
      await card.getByRole('button', { name: /^Xóa hồ sơ nháp/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Xóa hồ sơ nháp?' });
      await dialog.waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/ui-delete-draft.png' });
      await dialog.getByRole('button', { name: 'Không xóa' }).last().click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await page.request.get(`${base}/api/v1/dossiers/${id}`)).status()).toBe(200);
      // Confirming deletes it.
      await card.getByRole('button', { name: /^Xóa hồ sơ nháp/ }).click();
      await dialog.getByRole('button', { name: 'Xóa hồ sơ nháp' }).click();
      await card.waitFor({ state: 'detached' });
      expect((await page.request.get(`${base}/api/v1/dossiers/${id}`)).status()).toBe(404);
      // Only drafts have the button.
      const submittedCards = page.locator('li', { hasText: 'Chờ tiếp nhận' });
      if ((await submittedCards.count()) > 0)
        expect(
          await submittedCards
            .first()
            .getByRole('button', { name: /^Xóa hồ sơ nháp/ })
            .count(),
        ).toBe(0);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
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
