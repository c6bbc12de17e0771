import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import { expectAccessible, hasChromium, withScreenshot, startBrowserApp, stopBrowserApp } from './browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  return page;
}

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(base + '/dang-nhap', { waitUntil: 'networkidle' });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
}

describe.skipIf(!hasChromium)('pages in Chromium', () => {
  it.each([
    ['/', 1280],
    ['/', 360],
    ['/co-quan', 1280],
    ['/lich', 1280],
    ['/lich', 360],
    ['/dang-nhap', 360],
  ])('%s at %i px has no serious accessibility violation and no horizontal scroll', async (path, width) => {
    const page = await open(path, width);
    await withScreenshot(page, `a11y${path.replaceAll('/', '-')}-${width}`, async () => {
      await expectAccessible(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
    await page.close();
  });

  it('finds procedures as a citizen types without diacritics', async () => {
    const page = await open('/', 360);
    await withScreenshot(page, 'search', async () => {
      await page.getByLabel('Tìm thủ tục').fill('cap giay phep');
      const first = page.locator('li').first();
      await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/^Cấp giấy phép/);
      await page.getByLabel('Tìm thủ tục').fill('dang ki khai sinh');
      await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/^Đăng ký khai sinh/);
      await expectAccessible(page);
    });
    await page.close();
  });

  it('switches to English and back, keeping the choice', async () => {
    const page = await open('/lich');
    await withScreenshot(page, 'language', async () => {
      await page.getByText('English', { exact: true }).click();
      await expect.poll(() => page.locator('h2').first().textContent()).toMatch(/^Working calendar/);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.locator('h2').first().textContent()).toMatch(/^Working calendar/);
      await page.getByText('Tiếng Việt', { exact: true }).click();
      await expect.poll(() => page.locator('h2').first().textContent()).toMatch(/^Lịch làm việc/);
    });
    await page.close();
  });

  it('shows a wrong password next to the password field', async () => {
    const page = await open('/dang-nhap');
    await withScreenshot(page, 'login-error', async () => {
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill('not-the-password');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect.poll(() => page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').count()).toBe(1);
    });
    await page.close();
  });

  it('lets an administrator add a make-up working day to next year, and deadlines follow it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await withScreenshot(page, 'calendar-admin', async () => {
      await logIn(page, 'admin');
      await page.goto(base + '/lich', { waitUntil: 'networkidle' });
      await page.getByLabel('Năm').fill('2027');
      const saturday = page.locator('[data-date="2027-05-08"]');
      await expect.poll(() => saturday.getAttribute('data-kind')).toBe('weekend');
      await saturday.click();
      expect(await saturday.getAttribute('data-kind')).toBe('make_up_working_day');
      await page.getByRole('button', { name: 'Lưu lịch năm 2027' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu lịch năm 2027.');
      await page.reload({ waitUntil: 'networkidle' });
      await page.getByLabel('Năm').fill('2027');
      await expect
        .poll(() => page.locator('[data-date="2027-05-08"]').getAttribute('data-kind'))
        .toBe('make_up_working_day');
      const due = await (
        await fetch(
          `${base}/api/v1/calendar/deadline?start=2027-05-07T16:00:00%2B07:00&amount=1&unit=working_days`,
        )
      ).json();
      expect(due.due).toBe('2027-05-08T16:00:00+07:00');
      await expectAccessible(page);
    });
    await page.close();
  });

  it('does not offer calendar editing to an agency officer', async () => {
    const page = await browser.newPage();
    await logIn(page, 'tuphap.thuly');
    await page.goto(base + '/lich', { waitUntil: 'networkidle' });
    expect(await page.locator('button[data-date]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Lưu lịch/ }).count()).toBe(0);
    await page.close();
  });
});
