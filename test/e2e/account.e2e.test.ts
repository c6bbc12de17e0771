import { Logger, runMigrations as installWorkerSchema, runOnce } from 'graphile-worker';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, MailMessage } from '../../src/features/mail/mailer.ts';
import { taskList } from '../../src/jobs/definitions.ts';
import type { TestApp } from '../support/app.ts';
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

const PERSONAL_ID = '087190007788';
const EMAIL = 'citizen.e2e@example.vn';
const PASSWORD = 'citizen-password-1';

let t: TestApp;
let browser: Browser;
let base: string;
const sent: MailMessage[] = [];
const mailer: Mailer = {
  transport: 'log',
  send: (m) => {
    sent.push(m);
    return Promise.resolve();
  },
};

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp({
    MAIL_TRANSPORT: 'log',
    REGISTER_RATE_PER_MINUTE: '1000',
    RESET_RATE_PER_MINUTE: '1000',
  }));
  // The worker installs its schema when it starts; here the mail job is run by hand below.
  await installWorkerSchema({ pgPool: t.database.pool });
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

/** Runs the queued email jobs, capturing what they send. */
async function deliverMail(): Promise<void> {
  await runOnce({
    pgPool: t.database.pool,
    taskList: taskList(t.database, { mailer }),
    noHandleSignals: true,
    logger: new Logger(() => () => undefined),
  });
}

/** The input labelled exactly so (a required field's label ends with an asterisk). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

async function invalid(page: Page, label: string): Promise<string | null> {
  return field(page, label).getAttribute('aria-invalid');
}

describe.skipIf(!hasChromium)('account pages in Chromium', () => {
  it.each([
    ['/dang-ky', 1280],
    ['/dang-ky', 360],
    ['/quen-mat-khau', 1280],
    ['/quen-mat-khau', 360],
    ['/dat-lai-mat-khau?token=x', 1280],
    ['/dat-lai-mat-khau?token=x', 360],
    ['/tai-khoan', 1280],
    ['/tai-khoan', 360],
  ])('%s at %i px has no serious accessibility violation and no horizontal scroll', async (path, width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(base + path, { waitUntil: 'networkidle' });
    await withScreenshot(page, `account${path.replace(/[/?=]/g, '-')}-${width}`, async () => {
      await page.locator('h2').first().waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
    });
    await page.close();
  });

  it('registers a citizen, logs in again from the header and edits the profile', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const console = watchConsole(page);
    await withScreenshot(page, 'account-register', async () => {
      await page.goto(base + '/dang-nhap', { waitUntil: 'networkidle' });
      await page.getByRole('link', { name: 'Đăng ký tài khoản' }).click();
      await page.waitForURL(/\/dang-ky$/);
      await page.getByRole('heading', { name: 'Đăng ký tài khoản' }).waitFor();

      // The browser's own checks first: required fields, the repeated password.
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await expect.poll(() => page.getByText('Trường này là bắt buộc.').count()).toBe(4);
      expect(await invalid(page, 'Số định danh cá nhân')).toBe('true');

      // The API's refusals beside their fields.
      await field(page, 'Số định danh cá nhân').fill('123456789012');
      await field(page, 'Họ và tên').fill('Trần Thị Tài Khoản');
      await field(page, 'Số điện thoại').fill('0912 345 678');
      await field(page, 'Thư điện tử').fill(EMAIL);
      await field(page, 'Mật khẩu').fill('short');
      await field(page, 'Nhập lại mật khẩu').fill('short-other');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await expect.poll(() => page.getByText('Mật khẩu nhập lại không khớp.').count()).toBe(1);
      await field(page, 'Nhập lại mật khẩu').fill('short');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await expect.poll(() => page.getByText('Số định danh cá nhân phải gồm 12 chữ số').count()).toBe(1);
      expect(await invalid(page, 'Số định danh cá nhân')).toBe('true');
      await field(page, 'Số định danh cá nhân').fill(PERSONAL_ID);
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await expect.poll(() => page.getByText('Mật khẩu phải có ít nhất 10 ký tự.').count()).toBe(1);
      expect(await invalid(page, 'Mật khẩu')).toBe('true');
      await expectAccessible(page);

      await field(page, 'Mật khẩu').fill(PASSWORD);
      await field(page, 'Nhập lại mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.waitForURL(/\/tai-khoan$/);
      await expect.poll(() => page.getByTestId('who').textContent()).toBe('Xin chào, Trần Thị Tài Khoản');

      // Log out, then in again with the personal ID number; the name in the header opens the account.
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await logInAs(page, base, PERSONAL_ID, PASSWORD);
      await page.getByTestId('who').click();
      await page.waitForURL(/\/tai-khoan$/);
      await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
      await expect.poll(() => page.getByRole('cell', { name: PERSONAL_ID }).count()).toBe(2);
      expect(await field(page, 'Số điện thoại').inputValue()).toBe('0912345678');
      expect(await field(page, 'Thư điện tử').inputValue()).toBe(EMAIL);

      // Edit the contact details: a bad phone number is refused beside it, a good one is saved.
      await field(page, 'Số điện thoại').fill('12');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await expect.poll(() => page.getByText('Số điện thoại không hợp lệ.').count()).toBe(1);
      expect(await invalid(page, 'Số điện thoại')).toBe('true');
      await field(page, 'Số điện thoại').fill('+84 987 654 321');
      await field(page, 'Địa chỉ').fill('Phường 1, thành phố Cao Lãnh');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Đã lưu thông tin liên hệ.' }).count())
        .toBe(1);
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => field(page, 'Số điện thoại').inputValue()).toBe('0987654321');
      expect(await field(page, 'Địa chỉ').inputValue()).toBe('Phường 1, thành phố Cao Lãnh');

      // Change password: a wrong current password is named beside its field.
      await field(page, 'Mật khẩu hiện tại').fill('not-my-password');
      await field(page, 'Mật khẩu mới').fill('another-password-2');
      await field(page, 'Nhập lại mật khẩu').fill('another-password-2');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await expect.poll(() => page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').count()).toBe(1);
      expect(await invalid(page, 'Mật khẩu hiện tại')).toBe('true');
      await expectAccessible(page);
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  });

  it('sends a reset link from the forgotten-password page and sets a new password with it', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const console = watchConsole(page);
    await withScreenshot(page, 'account-reset', async () => {
      await page.goto(base + '/dang-nhap', { waitUntil: 'networkidle' });
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await page.waitForURL(/\/quen-mat-khau$/);
      await page.getByRole('button', { name: 'Gửi liên kết' }).click();
      await expect.poll(() => page.getByText('Trường này là bắt buộc.').count()).toBe(1);
      expect(await invalid(page, 'Tên đăng nhập hoặc thư điện tử')).toBe('true');
      await field(page, 'Tên đăng nhập hoặc thư điện tử').fill(EMAIL);
      await page.getByRole('button', { name: 'Gửi liên kết' }).click();
      await expect
        .poll(() =>
          page.getByRole('status').filter({ hasText: 'liên kết đặt lại mật khẩu đã được gửi' }).count(),
        )
        .toBe(1);
      await expectAccessible(page);

      sent.length = 0;
      await deliverMail();
      expect(sent.map((m) => m.to)).toEqual([EMAIL]);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/dat-lai-mat-khau\?token=[A-Za-z0-9_-]+)/.exec(sent[0]!.text);
      expect(link, sent[0]!.text).not.toBeNull();

      // A link that is not (or no longer) valid: the refusal heads the form with a way to ask again.
      await page.goto(base + '/dat-lai-mat-khau?token=not-a-real-token', { waitUntil: 'networkidle' });
      await field(page, 'Mật khẩu mới').fill('fresh-password-33');
      await field(page, 'Nhập lại mật khẩu').fill('fresh-password-33');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      const tokenAlert = page.locator('[data-field="token"]');
      await expect.poll(() => tokenAlert.textContent()).toMatch(/không hợp lệ/);
      expect(await tokenAlert.getByRole('link', { name: 'Yêu cầu liên kết mới' }).count()).toBe(1);

      // The emailed link: a weak password beside its field, then the new password.
      await page.goto(link![1]!, { waitUntil: 'networkidle' });
      await field(page, 'Mật khẩu mới').fill('short');
      await field(page, 'Nhập lại mật khẩu').fill('short');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await expect.poll(() => page.getByText('Mật khẩu phải có ít nhất 10 ký tự.').count()).toBe(1);
      expect(await invalid(page, 'Mật khẩu mới')).toBe('true');
      await expectAccessible(page);
      await field(page, 'Mật khẩu mới').fill('fresh-password-33');
      await field(page, 'Nhập lại mật khẩu').fill('fresh-password-33');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Đã đặt mật khẩu mới.' }).count())
        .toBe(1);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // The same link again is refused as used; the new password works.
      await page.goto(link![1]!, { waitUntil: 'networkidle' });
      await field(page, 'Mật khẩu mới').fill('third-password-444');
      await field(page, 'Nhập lại mật khẩu').fill('third-password-444');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await expect.poll(() => tokenAlert.textContent()).toMatch(/đã được sử dụng/);
      await logInAs(page, base, PERSONAL_ID, 'fresh-password-33');
    });
    expect(console.errors()).toEqual([]);
    await page.close();
  });
});
