// Issue 14, the desk officer's smaller things: prefilling the applicant from the personal ID number, ….
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  hasChromium,
  logInAs,
  samplePdf,
  samplePng,
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
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

const CITIZEN = '087090001234';
const LLTP = '2.000488';

async function asUser(username: string, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const console = watchConsole(page);
  await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

async function openIntake(page: Page): Promise<void> {
  await go(page, '/can-bo/tiep-nhan');
  await page.getByLabel('Tìm thủ tục').fill('ly lich tu phap');
  await page
    .getByRole('radio', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ })
    .check({ timeout: 10_000 });
}

describe.skipIf(!hasChromium)('the desk in Chromium', () => {
  it('typing a known personal ID number offers to fill the applicant in from the account', async () => {
    const { page, console } = await asUser('tuphap.tiepnhan');
    await withScreenshot(page, 'desk-lookup', async () => {
      await openIntake(page);
      const id = page.getByRole('textbox', { name: 'Số định danh cá nhân', exact: true });
      // Not offered for a number still being typed.
      await id.fill(CITIZEN.slice(0, 11));
      await page.waitForTimeout(500);
      expect(await page.getByText('Đã có thông tin của người có số định danh này').count()).toBe(0);
      await id.fill(CITIZEN);
      await page.getByText('Đã có thông tin của người có số định danh này').waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/desk-lookup.png', fullPage: true });
      await page.getByRole('button', { name: 'Điền vào biểu mẫu: Tài khoản công dân' }).click();
      await page.getByText('Đã điền thông tin người nộp').waitFor();
      expect(await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).inputValue()).toBe(
        'Nguyễn Văn An',
      );
      expect(await page.getByRole('textbox', { name: 'Số điện thoại', exact: true }).inputValue()).toBe(
        '0912345678',
      );
      expect(await page.getByRole('textbox', { name: 'Địa chỉ', exact: true }).inputValue()).toBe(
        'Số 15 Lý Thường Kiệt, Phường Cao Lãnh, tỉnh Đồng Tháp',
      );
      // An unknown number says so.
      await id.fill('087190000000');
      await page.getByText('Chưa có thông tin của số định danh này').waitFor();
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('online filing: several files per component, each listed, previewed and removable; the missing-file error clears once fixed', async () => {
    const { page, console } = await asUser(CITIZEN);
    await withScreenshot(page, 'desk-many-files', async () => {
      await go(page, `/nop-ho-so/${LLTP}`);
      await page.getByRole('heading', { name: /^Bước 1\/4/ }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 2\/4/ }).waitFor();
      await page.getByRole('button', { name: 'Lưu nháp và tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 3\/4/ }).waitFor();

      // Next without the required files: the error names them.
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      const error = page.getByRole('alert').filter({ hasText: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp' });
      await error.waitFor();

      // Two files at once into the identity component (front and back).
      await page.getByLabel(/^2\. Giấy tờ tùy thân/).setInputFiles([
        { name: 'cccd-truoc.png', mimeType: 'image/png', buffer: samplePng() },
        { name: 'cccd-sau.pdf', mimeType: 'application/pdf', buffer: samplePdf('mat sau') },
      ]);
      await page.getByText('Đã tải lên tệp cccd-truoc.png, cccd-sau.pdf.').waitFor();
      await page.getByRole('link', { name: 'cccd-truoc.png' }).waitFor();
      await page.getByRole('link', { name: 'cccd-sau.pdf' }).waitFor();
      // Each previewable on its own.
      await page.getByRole('button', { name: 'Xem trước tệp cccd-sau.pdf' }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // The identity card was not the missing one: the error still names the declaration only.
      expect(await error.textContent()).not.toContain('Giấy tờ tùy thân');
      await page.getByRole('button', { name: 'Xóa tệp cccd-sau.pdf' }).click();
      await page.getByRole('link', { name: 'cccd-sau.pdf' }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'cccd-truoc.png' }).waitFor();

      // Uploading the missing declaration clears the error without pressing Next again.
      await page
        .getByLabel('1. Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu')
        .setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: samplePdf('to khai') });
      await page.getByText('Đã tải lên tệp to-khai.pdf.').waitFor();
      await error.waitFor({ state: 'detached' });
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/desk-many-files.png', fullPage: true });
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 4\/4/ }).waitFor();
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('a supplement request shows its deadline rule, the citizen lists what was supplied, and a fixed error goes', async () => {
    const { page, console } = await asUser(CITIZEN);
    const csrf = ((await (await page.request.get(`${base}/api/v1/me`)).json()) as { csrfToken: string })
      .csrfToken;
    const post = async (path: string, data: unknown) => {
      const res = await page.request.post(base + path, { data, headers: { 'x-csrf-token': csrf } });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as { id: string; code: string };
    };
    const draft = await post('/api/v1/dossiers', { procedure: LLTP, channel: 'online', submit: false });
    await page.request.put(`${base}/api/v1/dossiers/${draft.id}/components/0/file`, {
      data: samplePdf('to khai'),
      headers: {
        'x-csrf-token': csrf,
        'content-type': 'application/octet-stream',
        'x-file-name': 'to-khai.pdf',
      },
    });
    const { code } = await post(`/api/v1/dossiers/${draft.id}/actions/submit`, {});
    const desk = await asUser('tuphap.tiepnhan');
    const deskCsrf = (
      (await (await desk.page.request.get(`${base}/api/v1/me`)).json()) as { csrfToken: string }
    ).csrfToken;
    const requested = await desk.page.request.post(
      `${base}/api/v1/dossiers/${code}/actions/request_supplement`,
      {
        data: { items: ['Bản sao Giấy khai sinh'], reason: 'Hồ sơ còn thiếu giấy tờ' },
        headers: { 'x-csrf-token': deskCsrf },
      },
    );
    expect(requested.status()).toBe(200);
    await desk.page.close();

    await withScreenshot(page, 'desk-supplement', async () => {
      await go(page, `/ho-so-cua-toi/${code}`);
      const alert = page.getByRole('alert').filter({ hasText: 'Cơ quan yêu cầu bổ sung hồ sơ' });
      await alert.waitFor();
      // LLTP sets no limit for the supplement: said so, rather than no word on time at all.
      await alert.getByText('Thủ tục không quy định hạn bổ sung').waitFor();
      // The paper asked for is not a component: it has a slot of its own, and the supplement needs its file.
      await page.getByLabel('Giấy tờ bổ sung 1: Bản sao Giấy khai sinh').setInputFiles({
        name: 'khai-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: samplePdf('khai sinh'),
      });
      await page.getByText('Đã tải lên tệp khai-sinh.pdf.').waitFor();
      await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
      const supplied = page.getByRole('textbox', { name: 'Giấy tờ đã bổ sung' });
      expect(await supplied.inputValue()).toBe('Bản sao Giấy khai sinh');
      // Sent empty: the error shows under the field, and goes once the field is filled again.
      await supplied.fill('');
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await expect.poll(() => supplied.getAttribute('aria-invalid')).toBe('true');
      await supplied.fill('Bản sao Giấy khai sinh (bản chụp)');
      await expect.poll(() => supplied.getAttribute('aria-invalid')).toBe(null);
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/desk-supplement.png', fullPage: true });
      expect(console.errors().filter((e) => !e.includes('400'))).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('receiving outside office hours warns the desk before it confirms, as the agency’s calendar says', async () => {
    const { page, console } = await asUser('tuphap.tiepnhan');
    await withScreenshot(page, 'desk-after-hours', async () => {
      await openIntake(page);
      await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).waitFor();
      // The browser cannot set the server's clock: the page must say what the calendar says now.
      const res = await page.request.get(`${base}/api/v1/calendar/receipt-time?agency=000.00.09.H20`);
      const now = (await res.json()) as { at: string; open: boolean; countsFrom: string; forwardAt: string };
      const warning = page.getByTestId('receipt-time-warning');
      if (!now.open) {
        await warning.waitFor();
        expect(await warning.textContent()).toContain(
          'thời gian giải quyết hồ sơ tiếp nhận lúc này được tính từ',
        );
      } else if (now.forwardAt !== now.at) {
        await warning.waitFor();
        expect(await warning.textContent()).toContain('Tiếp nhận sau 15 giờ');
      } else {
        await page.waitForTimeout(1000);
        expect(await warning.count()).toBe(0);
      }
      // Only beside "receive": refusing does not start the clock.
      await page.getByRole('radio', { name: 'Hồ sơ không đủ điều kiện: từ chối tiếp nhận' }).check();
      expect(await warning.count()).toBe(0);
      await page.getByRole('radio', { name: 'Hồ sơ đầy đủ, hợp lệ: tiếp nhận' }).check();
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/desk-after-hours.png', fullPage: true });
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);
});
