// Issue 14, "the whole office day works for every role": the defects found by walking each role's day.
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  expectNoHorizontalScroll,
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
const MARRIAGE = '1.004873';

async function asUser(username: string | null, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const console = watchConsole(page);
  if (username) await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get(`${base}/api/v1/me`);
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

interface View {
  id: string;
  code: string;
  receivedAt: string | null;
  dueAt: string | null;
  procedure: { caseIndex: number | null; caseName: string | null };
  agency: { code: string };
  components: { idx: number; name: string; files: { id: string; fileName: string }[] }[];
}

async function viewOf(page: Page, ref: string): Promise<View> {
  const res = await page.request.get(`${base}/api/v1/dossiers/${ref}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as View;
}

/** The appointment the calendar gives for `amount` working days from `start` at `agency`. */
async function dueAfter(start: string, amount: number, agency: string): Promise<string> {
  const res = await fetch(
    `${base}/api/v1/calendar/deadline?${new URLSearchParams({
      start,
      amount: String(amount),
      unit: 'working_days',
      agency,
    })}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { due: string }).due;
}

describe.skipIf(!hasChromium)('issue 14 in Chromium', () => {
  it('the normal case of a procedure with special cases is offered first and chosen by default, online and at the desk', async () => {
    const { page, console } = await asUser(CITIZEN);
    let code = '';
    await withScreenshot(page, 'office-day-normal-case-online', async () => {
      await go(page, `/nop-ho-so/${LLTP}`);
      await page.getByRole('heading', { name: /^Bước 1\/4/ }).waitFor();
      const normal = page.getByRole('radio', { name: /^Trường hợp thông thường/ });
      expect(await normal.isChecked()).toBe(true);
      // The main deadline (10 working days), not a special case's 15.
      expect(await page.getByText('Thời hạn giải quyết: 10 ngày làm việc').count()).toBeGreaterThan(0);
      await page.getByRole('radio', { name: /^Người đã cư trú ở nhiều nơi/ }).check();
      await page.getByText('Thời hạn giải quyết: 15 ngày làm việc').first().waitFor();
      await normal.check();
      await expectAccessible(page);
      await page.screenshot({ path: 'test-results/office-day-step1.png', fullPage: true });
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 2\/4/ }).waitFor();
      await page.getByRole('button', { name: 'Lưu nháp và tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 3\/4/ }).waitFor();
      await page
        .getByLabel('1. Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu')
        .setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: samplePdf('to khai') });
      await page.getByText('Đã tải lên tệp to-khai.pdf.').waitFor();
      await page
        .getByLabel(/^2\. Giấy tờ tùy thân/)
        .setInputFiles({ name: 'cccd.png', mimeType: 'image/png', buffer: samplePng() });
      await page.getByText('Đã tải lên tệp cccd.png.').waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 4\/4/ }).waitFor();
      await page.getByText('Trường hợp thông thường').first().waitFor();
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      const codeEl = page.getByTestId('dossier-code');
      await codeEl.waitFor({ timeout: 10_000 });
      code = (await codeEl.textContent())!;
      const view = await viewOf(page, code);
      expect(view.procedure.caseIndex).toBeNull();
      expect(console.errors()).toEqual([]);
    });
    await page.close();

    // The desk receives it: the appointment is the main deadline's.
    const desk = await asUser('tuphap.tiepnhan');
    await withScreenshot(desk.page, 'office-day-normal-case-receive', async () => {
      const res = await desk.page.request.post(`${base}/api/v1/dossiers/${code}/actions/receive`, {
        headers: { 'x-csrf-token': await csrfOf(desk.page) },
        data: {},
      });
      expect(res.status(), await res.text()).toBe(200);
      const view = await viewOf(desk.page, code);
      expect(Date.parse(view.dueAt!)).toBe(
        Date.parse(await dueAfter(view.receivedAt!, 10, view.agency.code)),
      );
    });
    await desk.page.close();

    // At a commune's desk, 1.004873 (marriage status) is taken in under its normal case, 3 working days.
    const commune = await asUser('caolanh.tiepnhan');
    await withScreenshot(commune.page, 'office-day-normal-case-desk', async () => {
      const p = commune.page;
      await go(p, '/can-bo/tiep-nhan');
      await p.getByLabel('Tìm thủ tục').fill(MARRIAGE);
      await p
        .getByRole('radio', { name: /^Cấp Giấy xác nhận tình trạng hôn nhân/ })
        .check({ timeout: 10_000 });
      const normal = p.getByRole('radio', { name: /^Trường hợp thông thường/ });
      await normal.waitFor();
      expect(await normal.isChecked()).toBe(true);
      await p.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill('Trần Thị Bình');
      await p.getByRole('textbox', { name: 'Số định danh cá nhân', exact: true }).fill('079123456789');
      await p.getByRole('textbox', { name: 'Số điện thoại', exact: true }).fill('0987654321');
      await p.getByRole('checkbox', { name: /^Tờ khai cấp Giấy xác nhận tình trạng hôn nhân/ }).check();
      await p.getByRole('checkbox', { name: /^Giấy tờ tùy thân/ }).check();
      await expectAccessible(p);
      await p.screenshot({ path: 'test-results/office-day-intake.png', fullPage: true });
      await p.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      const codeEl = p.getByTestId('dossier-code');
      await codeEl.waitFor({ timeout: 10_000 });
      const view = await viewOf(p, (await codeEl.textContent())!);
      expect(view.procedure.caseIndex).toBeNull();
      expect(Date.parse(view.dueAt!)).toBe(Date.parse(await dueAfter(view.receivedAt!, 3, view.agency.code)));
      expect(commune.console.errors()).toEqual([]);
    });
    await commune.page.close();
  }, 120_000);

  it('a PDF and an image preview inside the page, for the citizen and for the staff', async () => {
    // A desk dossier with a PDF and a PNG scanned in.
    const desk = await asUser('tuphap.tiepnhan');
    const created = await desk.page.request.post(`${base}/api/v1/dossiers`, {
      headers: { 'x-csrf-token': await csrfOf(desk.page) },
      data: {
        procedure: LLTP,
        caseIndex: 0,
        channel: 'in_person',
        applicant: { name: 'Nguyễn Văn An', personalId: CITIZEN, phone: '0912345678' },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { code } = (await created.json()) as { code: string };
    for (const [idx, name, buffer] of [
      [0, 'Tờ khai.pdf', samplePdf('to khai')],
      [1, 'CCCD.png', samplePng()],
    ] as const) {
      const res = await desk.page.request.put(`${base}/api/v1/dossiers/${code}/components/${idx}/file`, {
        headers: {
          'x-csrf-token': await csrfOf(desk.page),
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent(name),
        },
        data: buffer,
      });
      expect(res.status(), await res.text()).toBe(200);
    }

    /** Opens the preview of `fileName` and checks what the browser loaded into it. */
    const preview = async (page: Page, fileName: string, kind: 'pdf' | 'image') => {
      const loaded = page.waitForResponse((r: Response) => /\/files\/[^/?]+\?inline/.test(r.url()));
      await page
        .getByRole('listitem')
        .filter({ hasText: fileName })
        .getByRole('button', { name: 'Xem trước' })
        .click();
      const dialog = page.getByRole('dialog', { name: `Xem trước tệp ${fileName}` });
      await dialog.waitFor();
      const res = await loaded;
      expect(res.status(), await res.text()).toBe(200);
      expect(res.headers()['content-disposition']).toMatch(/^inline;/);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      if (kind === 'pdf') {
        expect(res.headers()['content-type']).toBe('application/pdf');
        await dialog.locator(`iframe[title="Xem trước tệp ${fileName}"]`).waitFor();
      } else {
        const img = dialog.getByRole('img', { name: `Xem trước tệp ${fileName}` });
        await img.waitFor();
        await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(1);
      }
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/office-day-preview-${kind}.png` });
      await dialog.getByRole('button', { name: 'Đóng' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };

    await withScreenshot(desk.page, 'office-day-preview-staff', async () => {
      await go(desk.page, `/can-bo/ho-so/${code}`);
      await desk.page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await preview(desk.page, 'Tờ khai.pdf', 'pdf');
      await preview(desk.page, 'CCCD.png', 'image');
      expect(desk.console.errors()).toEqual([]);
    });
    await desk.page.close();

    const citizen = await asUser(CITIZEN, 360);
    await withScreenshot(citizen.page, 'office-day-preview-citizen', async () => {
      await go(citizen.page, `/ho-so-cua-toi/${code}`);
      await citizen.page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await preview(citizen.page, 'Tờ khai.pdf', 'pdf');
      await expectNoHorizontalScroll(citizen.page);
      expect(citizen.console.errors()).toEqual([]);
    });
    await citizen.page.close();
  }, 120_000);

  it('a same-day deadline reads "Trong ngày", and papers only shown are not "Bản chính: 0 · Bản sao: 0"', async () => {
    const { page, console } = await asUser(null);
    await withScreenshot(page, 'office-day-wording', async () => {
      // Chứng thực bản sao (1.001193): a deadline of 0 working days.
      await go(page, '/thu-tuc/1.001193');
      await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
      const body = () => page.locator('main').innerText();
      expect(await body()).toContain('Trong ngày');
      expect(await body()).not.toMatch(/\b0 ngày làm việc/);
      // The identity paper is shown, not handed in: no quantities; the form has its original.
      const identity = page.getByRole('listitem').filter({ hasText: /^\d+\. Giấy tờ tùy thân/ });
      expect(await identity.innerText()).not.toContain('Bản chính');
      expect(await identity.innerText()).not.toContain('Bản sao');
      expect(await body()).toContain('Bản chính: 1');
      await page.screenshot({ path: 'test-results/office-day-same-day.png', fullPage: true });
      await expectAccessible(page);
      await page.getByText('English', { exact: true }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(body).toContain('Same day');
      expect(await body()).toContain('Originals: 1');
      // 2.000488 in English: "10 working days", and its identity paper has no quantities either.
      await go(page, `/thu-tuc/${LLTP}`);
      await page.getByRole('heading', { name: 'Dossier components' }).waitFor();
      expect(await body()).toContain('10 working days');
      expect(await body()).not.toContain('Originals: 0');
      await page.getByText('Tiếng Việt', { exact: true }).click();
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 60_000);

  it('a pasted name longer than 200 characters finds its procedure', async () => {
    const name =
      'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo ' +
      'tuyến, theo tuyến trong đô thị, tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng, quảng cáo)';
    // As copied from a decision that publishes it: the name, then the agency and the legal basis.
    const pasted = `${name} thuộc thẩm quyền giải quyết của Sở Xây dựng tỉnh Đồng Tháp theo Quyết định công bố`;
    expect(pasted.length).toBeGreaterThan(200);
    const { page, console } = await asUser(null, 360);
    await withScreenshot(page, 'office-day-long-search', async () => {
      await go(page, '/');
      await page.getByLabel('Tìm thủ tục').fill(pasted);
      await page.getByRole('link', { name }).waitFor({ timeout: 10_000 });
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.screenshot({ path: 'test-results/office-day-long-search.png', fullPage: true });
      await expectNoHorizontalScroll(page);
      expect(console.errors()).toEqual([]);
    });
    // Whatever is typed, the answer is a list, not an error.
    for (const q of ['a'.repeat(1000), 'đăng ký '.repeat(120).slice(0, 1000)]) {
      const res = await page.request.get(`${base}/api/v1/procedures?${new URLSearchParams({ q })}`);
      expect(res.status(), await res.text()).toBe(200);
    }
    await page.close();
  }, 60_000);
});
