import { readFileSync } from 'node:fs';
import type { APIResponse, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../support/pdf.ts';
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
const CODE_RE = (agency: string) => new RegExp(`^${agency.replaceAll('.', '\\.')}-\\d{6}-\\d{4,}$`);

/** A fresh browser context (own cookies) logged in as `username`, with its console watched. */
async function asUser(username: string | null, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const console = watchConsole(page);
  if (username) await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

/** Opens an action's form on a dossier page and confirms it; waits until the status badge shows `status`. */
async function act(page: Page, action: string, status: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  await fill?.();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect
    .poll(
      () =>
        page
          .getByRole('status')
          .filter({ hasText: `Đã thực hiện: ${action}.` })
          .count(),
      {
        timeout: 10_000,
      },
    )
    .toBe(1);
  await expect.poll(() => page.locator('[data-status]').first().textContent()).toBe(status);
}

async function statusOf(page: Page): Promise<string | null> {
  return page.locator('[data-status]').first().textContent();
}

/** A POST to the API with the page's session and CSRF token; fails the test on any error status. */
async function postOk<T = { code: string; dueAt: string; id: string }>(
  page: Page,
  path: string,
  data: object,
): Promise<T> {
  const res = await page.request.post(base + path, { headers: { 'x-csrf-token': await csrfOf(page) }, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}

/**
 * A dossier of procedure 2.000488 (Sở Tư pháp) received, forwarded and assigned to tuphap.thuly through
 * the API: in processing, with its appointment counted from now.
 */
async function processingDossier(applicant: { name: string; personalId: string; phone: string }) {
  const desk = await asUser('tuphap.tiepnhan');
  const approver = await asUser('tuphap.pheduyet');
  const { code } = await postOk(desk.page, '/api/v1/dossiers', {
    procedure: '2.000488',
    caseIndex: 0,
    channel: 'in_person',
    applicant,
  });
  await postOk(desk.page, `/api/v1/dossiers/${code}/actions/receive`, { provided: [0, 1] });
  await postOk(desk.page, `/api/v1/dossiers/${code}/actions/forward`, {});
  const officers = await approver.page.request.get(
    `${base}/api/v1/staff?agency=000.00.09.H20&role=handling_officer`,
  );
  const handlerId = ((await officers.json()) as { items: { id: string; username: string }[] }).items.find(
    (s) => s.username === 'tuphap.thuly',
  )!.id;
  const assigned = await postOk(approver.page, `/api/v1/dossiers/${code}/actions/assign`, {
    assigneeId: handlerId,
  });
  expect(assigned).toMatchObject({ status: 'processing' });
  for (const p of [desk, approver]) await p.page.close();
  return { code, dueAt: assigned.dueAt };
}

/**
 * An instant in Vietnam as the pages show it ('HH:mm dd/mm/yyyy'), as the date and time fields hold it
 * ('dd/mm/yyyy' and 24-hour 'HH:mm') and as the printed forms write it ('HH giờ mm phút, ngày dd/mm/yyyy').
 */
function vnTimes(iso: string): { shown: string; date: string; time: string; formal: string } {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  const [date, hour, minute] = [d.slice(0, 10), d.slice(11, 13), d.slice(14, 16)];
  const day = date.split('-').reverse().join('/');
  return {
    shown: `${hour}:${minute} ${day}`,
    date: day,
    time: `${hour}:${minute}`,
    formal: `${hour} giờ ${minute} phút, ngày ${day}`,
  };
}

describe.skipIf(!hasChromium)('journeys in Chromium', () => {
  it('1: a citizen finds a procedure without diacritics, files online with two attachments and downloads the receipt', async () => {
    const { page, console } = await asUser(CITIZEN);
    await withScreenshot(page, 'journey-1', async () => {
      await go(page, '/');
      await page.getByLabel('Tìm thủ tục').fill('cap giay phep');
      const link = page.getByRole('link', { name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ' });
      await link.waitFor({ timeout: 10_000 });
      await link.click();

      // The procedure page: everything the catalog holds, and the way to file online.
      await page
        .getByRole('heading', { name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ' })
        .waitFor();
      for (const section of [
        'Thành phần hồ sơ',
        'Căn cứ pháp lý',
        'Cách thức thực hiện, thời hạn và phí, lệ phí',
      ])
        await page.getByRole('heading', { name: section }).waitFor();
      expect(await page.getByText('Lệ phí cấp giấy phép xây dựng: 75.000 đ').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();

      // Step 1: three communes implement it, so the citizen chooses one.
      await page.getByRole('heading', { name: /^Bước 1\/4/ }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Vui lòng chọn cơ quan giải quyết.').waitFor();
      await page.getByRole('combobox', { name: 'Cơ quan giải quyết' }).click();
      await page.getByRole('option', { name: 'Ủy ban nhân dân Phường Cao Lãnh' }).click();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // Step 2: details come from the account.
      await page.getByRole('heading', { name: /^Bước 2\/4/ }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).inputValue()).toBe(
        'Nguyễn Văn An',
      );
      expect(
        await page.getByRole('textbox', { name: 'Số định danh cá nhân', exact: true }).inputValue(),
      ).toBe(CITIZEN);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Lưu nháp và tiếp tục' }).click();

      // Step 3: two attachments, each with its progress bar.
      await page.getByRole('heading', { name: /^Bước 3\/4/ }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText(/^Còn thiếu giấy tờ bắt buộc/).waitFor();
      await page
        .getByLabel('1. Đơn đề nghị cấp giấy phép xây dựng theo mẫu')
        .setInputFiles({ name: 'Đơn đề nghị.pdf', mimeType: 'application/pdf', buffer: samplePdf('don') });
      await page.getByText('Đã tải lên tệp Đơn đề nghị.pdf.').waitFor();
      await page
        .getByLabel('3. Bản vẽ thiết kế xây dựng')
        .setInputFiles({ name: 'ban-ve.png', mimeType: 'image/png', buffer: samplePng() });
      await page.getByText('Đã tải lên tệp ban-ve.png.').waitFor();
      await page.getByRole('link', { name: 'Đơn đề nghị.pdf' }).waitFor();
      await page.getByRole('link', { name: 'ban-ve.png' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // Step 4: review and submit; the code comes back.
      await page.getByRole('heading', { name: /^Bước 4\/4/ }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      const codeEl = page.getByTestId('dossier-code');
      await codeEl.waitFor({ timeout: 10_000 });
      const code = (await codeEl.textContent())!;
      expect(code).toMatch(CODE_RE('000.21.31.H20'));
      await expectAccessible(page);

      // The receipt (form 01) exists once the commune's desk receives the dossier.
      const desk = await asUser('caolanh.tiepnhan');
      await go(desk.page, `/can-bo/ho-so/${code}`);
      await act(desk.page, 'Tiếp nhận hồ sơ', 'Đã tiếp nhận');
      expect(desk.console.errors()).toEqual([]);
      await desk.page.close();

      await go(page, `/ho-so-cua-toi/${code}`);
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      expect(await statusOf(page)).toBe('Đã tiếp nhận');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)' }).click(),
      ]);
      const saved = await download.path();
      expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expectAccessible(page);

      // The dossier is in "my dossiers".
      await go(page, '/ho-so-cua-toi');
      await page.getByRole('link', { name: code }).waitFor();
      await expectAccessible(page);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('2: desk receives in person and prints form 01; handled, approved, issued, returned; the citizen tracks and rates', async () => {
    // The desk enters the dossier brought in person and receives it.
    const desk = await asUser('tuphap.tiepnhan');
    let code = '';
    await withScreenshot(desk.page, 'journey-2-desk', async () => {
      const page = desk.page;
      await go(page, '/can-bo/tiep-nhan');
      await page.getByLabel('Tìm thủ tục').fill('ly lich tu phap');
      await page
        .getByRole('radio', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ })
        .check({ timeout: 10_000 });
      await page.getByRole('radio', { name: /^Người đã cư trú ở nhiều nơi/ }).check();
      await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill('Nguyễn Văn An');
      await page.getByRole('textbox', { name: 'Số định danh cá nhân', exact: true }).fill(CITIZEN);
      await page.getByRole('textbox', { name: 'Số điện thoại', exact: true }).fill('0912 345 678x');
      await page
        .getByRole('textbox', { name: 'Địa chỉ', exact: true })
        .fill('Số 15 Lý Thường Kiệt, Phường Cao Lãnh');
      await page.getByRole('checkbox', { name: /^Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/ }).check();
      await page.getByRole('checkbox', { name: /^Giấy tờ tùy thân/ }).check();
      await expectAccessible(page);
      // A wrong phone number is reported next to the phone field, in Vietnamese.
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      const phone = page.getByRole('textbox', { name: 'Số điện thoại', exact: true });
      await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
      const errorId = ((await phone.getAttribute('aria-describedby')) ?? '')
        .split(' ')
        .find((id) => id.endsWith('-error'));
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/không hợp lệ/);
      await phone.fill('0912345678');
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      const codeEl = page.getByTestId('dossier-code');
      await codeEl.waitFor({ timeout: 10_000 });
      code = (await codeEl.textContent())!;
      expect(code).toMatch(CODE_RE('000.00.09.H20'));
      expect(await statusOf(page)).toBe('Đã tiếp nhận');

      // Form 01 in one click: the link opens the PDF.
      const print = page.getByRole('link', { name: 'In giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)' });
      const href = (await print.getAttribute('href'))!;
      expect(await print.getAttribute('target')).toBe('_blank');
      const pdf = await page.request.get(base + href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expectAccessible(page);

      // The desk forwards it to the department's processing unit.
      await page.getByRole('link', { name: 'Mở trang hồ sơ' }).click();
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await expectAccessible(page);
      await act(page, 'Chuyển cơ quan giải quyết', 'Đang xử lý');
      expect(desk.console.errors()).toEqual([]);
    });

    // The approver finds it in "to assign" (not yet in "to approve") and assigns the handling officer.
    const approver = await asUser('tuphap.pheduyet');
    const findInTab = async (page: Page, tab: string) => {
      await go(page, '/can-bo/ho-so');
      await page.getByRole('tab', { name: tab }).click();
      await page.getByLabel('Tìm hồ sơ').fill(code);
      // The search settles into the address after 300 ms; clicking before would be undone by it.
      await page.waitForURL(/[?&]q=/);
      await page.getByRole('link', { name: code }).click({ timeout: 10_000 });
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    };
    await withScreenshot(approver.page, 'journey-2-approver', async () => {
      const page = approver.page;
      await go(page, '/can-bo/ho-so');
      await page.getByRole('tab', { name: 'Chờ phê duyệt' }).click();
      await page.getByLabel('Tìm hồ sơ').fill(code);
      await page.waitForURL(/[?&]q=/);
      await page.getByText('Không có hồ sơ.').waitFor();
      await page.getByRole('tab', { name: 'Chờ phân công' }).click();
      await page.getByLabel('Tìm hồ sơ').fill(code);
      // The search settles into the address after 300 ms; clicking before would be undone by it.
      await page.waitForURL(/[?&]q=/);
      await page.getByRole('link', { name: code }).click({ timeout: 10_000 });
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await act(page, 'Phân công thụ lý', 'Đang xử lý', async () => {
        await page.getByRole('combobox', { name: 'Chuyên viên thụ lý' }).click();
        await page.getByRole('option', { name: /tuphap\.thuly/ }).click();
      });
      // Assigning completes the assignment step: the dossier is at the handling step.
      await page.getByText(/— Thụ lý, thẩm định/).waitFor();
    });

    // The handling officer sees it under "to handle" and completes the step.
    const handler = await asUser('tuphap.thuly');
    await withScreenshot(handler.page, 'journey-2-handler', async () => {
      const page = handler.page;
      await go(page, '/can-bo/ho-so');
      expect(await page.getByRole('tab', { name: 'Đang thụ lý', selected: true }).count()).toBe(1);
      await expectAccessible(page);
      await page.getByRole('link', { name: code }).click({ timeout: 10_000 });
      await act(page, 'Hoàn thành bước, chuyển bước sau', 'Đang xử lý', async () => {
        await page.getByLabel('Ghi chú').fill('Đã thẩm định, đủ điều kiện cấp phiếu');
      });
      expect(handler.console.errors()).toEqual([]);
    });

    // The approver finds it in "to approve" and signs.
    await withScreenshot(approver.page, 'journey-2-approve', async () => {
      const page = approver.page;
      await findInTab(page, 'Chờ phê duyệt');
      await act(page, 'Phê duyệt', 'Đang xử lý');
      expect(approver.console.errors()).toEqual([]);
    });

    // The clerk attaches the result document and issues it.
    const clerk = await asUser('tuphap.vanthu');
    await withScreenshot(clerk.page, 'journey-2-clerk', async () => {
      const page = clerk.page;
      await findInTab(page, 'Chờ phát hành');
      await page
        .getByLabel('Văn bản kết quả (bản điện tử)')
        .setInputFiles({ name: 'Phiếu LLTP.pdf', mimeType: 'application/pdf', buffer: samplePdf('ket qua') });
      await page.getByText('Đã tải lên tệp Phiếu LLTP.pdf.').waitFor();
      await act(page, 'Vào số, phát hành kết quả', 'Đã có kết quả, chờ trả', async () => {
        await page.getByLabel('Số văn bản kết quả').fill('125/PLLTP');
        await page.getByLabel('Kết quả có bản điện tử').check();
      });
      // The PDF previews in the page.
      await page.getByRole('button', { name: 'Xem trước' }).first().click();
      await page.locator('iframe[title="Xem trước tệp Phiếu LLTP.pdf"]').waitFor();
      await expectAccessible(page);
      expect(clerk.console.errors()).toEqual([]);
    });

    // The desk returns the result.
    await withScreenshot(desk.page, 'journey-2-return', async () => {
      const page = desk.page;
      await go(page, '/can-bo/ho-so?tab=return');
      await page.getByRole('link', { name: code }).click({ timeout: 10_000 });
      await act(page, 'Trả kết quả', 'Đã trả kết quả');
      expect(desk.console.errors()).toEqual([]);
    });

    // Anyone tracks it by code; personal data needs the last four digits.
    const visitor = await asUser(null, 360);
    await withScreenshot(visitor.page, 'journey-2-track', async () => {
      const page = visitor.page;
      await go(page, '/tra-cuu');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByLabel('Mã hồ sơ').fill(code);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByTestId('tracked-code').waitFor();
      expect(page.url()).toBe(`${base}/tra-cuu/${code}`);
      expect(await statusOf(page)).toBe('Đã trả kết quả');
      expect(await page.getByText('N. V. A.').count()).toBe(1);
      for (const step of [
        'Tiếp nhận hồ sơ',
        'Chuyển cơ quan giải quyết',
        'Vào số, phát hành kết quả',
        'Trả kết quả',
      ])
        expect(await page.getByText(step, { exact: true }).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByLabel('Bốn số cuối').fill('0000');
      await page.getByRole('button', { name: 'Xem thông tin người nộp' }).click();
      await page.getByText('Bốn số này không khớp với hồ sơ.').waitFor();
      await page.getByLabel('Bốn số cuối').fill('5678');
      await page.getByRole('button', { name: 'Xem thông tin người nộp' }).click();
      await page.getByText('Họ và tên: Nguyễn Văn An').waitFor();
      expect(visitor.console.errors()).toEqual([]);
    });

    // The citizen, whose ID number the desk typed, finds it in "my dossiers" and rates it.
    const citizen = await asUser(CITIZEN, 360);
    await withScreenshot(citizen.page, 'journey-2-rate', async () => {
      const page = citizen.page;
      await go(page, '/ho-so-cua-toi');
      await page.getByRole('link', { name: code }).click({ timeout: 10_000 });
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await page.getByRole('link', { name: 'Phiếu LLTP.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Đánh giá mức độ hài lòng', exact: true }).click();
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByText('Vui lòng chọn mức độ hài lòng.').waitFor();
      await page.getByRole('radio', { name: 'Rất hài lòng' }).check();
      for (const group of await page.getByRole('radiogroup').all()) {
        const two = group.getByRole('radio', { name: '2 điểm' });
        if ((await two.count()) === 1) await two.check();
      }
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByText('Bạn đã đánh giá hồ sơ này: Rất hài lòng.').waitFor({ timeout: 10_000 });
      expect(await page.getByRole('button', { name: 'Đánh giá mức độ hài lòng', exact: true }).count()).toBe(
        0,
      );
      expect(citizen.console.errors()).toEqual([]);
    });
    for (const p of [desk, approver, handler, clerk, visitor, citizen]) await p.page.close();
  }, 180_000);

  it('4: a late dossier: apology with a new appointment, form 04 printed', async () => {
    const { code, dueAt } = await processingDossier({
      name: 'Nguyễn Văn An',
      personalId: CITIZEN,
      phone: '0912345678',
    });
    // The new appointment: the close of the third working day after the one in force (the agency's hours).
    const due = await fetch(
      `${base}/api/v1/calendar/deadline?${new URLSearchParams({
        start: dueAt,
        amount: '3',
        unit: 'working_days',
        mode: 'end_of_day',
        agency: '000.00.09.H20',
      })}`,
    );
    expect(due.status).toBe(200);
    const newDueAt = ((await due.json()) as { due: string }).due;
    expect(Date.parse(newDueAt)).toBeGreaterThan(Date.parse(dueAt));
    const before = vnTimes(dueAt);
    const after = vnTimes(newDueAt);
    const APOLOGIZE = 'Xin lỗi và hẹn lại ngày trả';
    const REASON = 'Chờ kết quả xác minh của cơ quan công an nơi cư trú trước đây';
    const dueField = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`);

    // Only the approver may apologise: the handling officer is not offered the action.
    const handler = await asUser('tuphap.thuly');
    await withScreenshot(handler.page, 'journey-4-handler', async () => {
      await go(handler.page, `/can-bo/ho-so/${code}`);
      await handler.page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await handler.page.locator('[data-action="complete_step"]').waitFor();
      expect(await handler.page.getByRole('button', { name: APOLOGIZE, exact: true }).count()).toBe(0);
      expect(handler.console.errors()).toEqual([]);
    });
    await handler.page.close();

    const approver = await asUser('tuphap.pheduyet');
    await withScreenshot(approver.page, 'journey-4-approver', async () => {
      const page = approver.page;
      await go(page, `/can-bo/ho-so/${code}`);
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      expect(await dueField(page, 'Ngày hẹn trả kết quả').textContent()).toBe(before.shown);
      expect(
        await page.getByRole('link', { name: 'In văn bản xin lỗi và hẹn lại ngày trả (mẫu 04)' }).count(),
      ).toBe(0);
      await page.getByRole('button', { name: APOLOGIZE, exact: true }).click();
      const form = page.getByRole('form', { name: APOLOGIZE });
      const whenDate = form.getByLabel('Ngày hẹn trả mới');
      const whenTime = form.getByLabel('Giờ hẹn trả mới');
      const sent: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/actions/apologize')) sent.push(r.url());
      });
      // The form starts from the appointment in force (dd/mm/yyyy, 24-hour HH:mm), which is not a later one.
      expect(await whenDate.inputValue()).toBe(before.date);
      expect(await whenTime.inputValue()).toBe(before.time);
      await form.getByLabel('Lý do').fill(REASON);
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await expect.poll(() => whenDate.getAttribute('aria-invalid')).toBe('true');
      expect(await whenTime.getAttribute('aria-invalid')).toBe('true');
      await form.getByText('Ngày hẹn mới phải sau ngày hẹn cũ.').waitFor();
      expect(sent).toHaveLength(1);
      // Typed the Vietnamese way whatever the browser's locale: a month-first date or a 12-hour time is
      // refused beside its field, and the form sends nothing.
      await whenDate.fill('12/31/2026');
      await whenDate.blur();
      await form.getByText('Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2026.').waitFor();
      expect(await whenDate.getAttribute('aria-invalid')).toBe('true');
      await whenDate.fill(after.date);
      await whenTime.fill('3:00 PM');
      await whenTime.blur();
      await form.getByText('Giờ phải có dạng HH:mm (24 giờ), ví dụ 14:30.').waitFor();
      expect(await whenTime.getAttribute('aria-invalid')).toBe('true');
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await form.getByText('Vui lòng nhập ngày giờ hẹn trả mới.').waitFor();
      // A later day, but at night: an appointment is a time the office is open.
      await whenTime.fill('03:00');
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await form.getByText('Ngày hẹn mới phải rơi vào giờ làm việc.').waitFor();
      expect(sent).toHaveLength(2);
      await expectAccessible(page);
      await whenTime.fill(after.time);
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Đã thực hiện: ${APOLOGIZE}.` })
        .waitFor({ timeout: 10_000 });
      expect(await statusOf(page)).toBe('Đang xử lý');

      // The new appointment is shown beside the first one, and the apology is not offered again.
      await expect.poll(() => dueField(page, 'Ngày hẹn trả kết quả').textContent()).toBe(after.shown);
      expect(await dueField(page, 'Ngày hẹn ban đầu').textContent()).toBe(before.shown);
      expect(await page.getByRole('button', { name: APOLOGIZE, exact: true }).count()).toBe(0);
      await page.reload({ waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      expect(await dueField(page, 'Ngày hẹn trả kết quả').textContent()).toBe(after.shown);
      expect(await page.getByRole('button', { name: APOLOGIZE, exact: true }).count()).toBe(0);
      expect(await page.getByText(REASON).count()).toBeGreaterThan(0);

      // Form 04 in one click: the link opens the PDF.
      const print = page.getByRole('link', { name: 'In văn bản xin lỗi và hẹn lại ngày trả (mẫu 04)' });
      const href = (await print.getAttribute('href'))!;
      expect(href).toBe(`/api/v1/dossiers/${code}/forms/04.pdf`);
      expect(await print.getAttribute('target')).toBe('_blank');
      const pdf = await page.request.get(base + href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The letter names the dossier, the reason, the first appointment and the new one.
      const letter = (await readPdf(await pdf.body())).flat;
      expect(letter).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
      for (const part of [code, REASON, before.formal, after.formal]) expect(letter).toContain(part);
      await expectAccessible(page);

      // The appointment may be reset only once, whatever the client.
      const again = await page.request.post(`${base}/api/v1/dossiers/${code}/actions/apologize`, {
        headers: { 'x-csrf-token': await csrfOf(page) },
        data: { reason: REASON, newDueAt: newDueAt },
      });
      expect(again.status()).toBe(409);
      expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
        'Ngày hẹn trả chỉ được điều chỉnh một lần.',
      );
      expect(approver.console.errors()).toEqual([]);
    });
    await approver.page.close();

    // The applicant sees the new appointment and downloads the letter.
    const { page, console } = await asUser(CITIZEN, 360);
    await withScreenshot(page, 'journey-4-citizen', async () => {
      await go(page, `/ho-so-cua-toi/${code}`);
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      expect(await page.getByText(after.shown).count()).toBeGreaterThan(0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('link', { name: 'Tải Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (mẫu 04)' })
          .click(),
      ]);
      expect(
        readFileSync(await download.path())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('6: an officer of one agency cannot open a dossier of another agency by changing the URL', async () => {
    const applicant = { name: 'Nguyễn Văn An', personalId: CITIZEN, phone: '0912345678' };
    const { code } = await processingDossier(applicant);
    const procedure = 'Cấp Phiếu lý lịch tư pháp';
    // Its officers see it, with a draft result attached: the control for what follows.
    const owner = await asUser('tuphap.pheduyet');
    const view = (await (await owner.page.request.get(`${base}/api/v1/dossiers/${code}`)).json()) as {
      id: string;
      procedure: { name: string };
    };
    expect(view.procedure.name).toMatch(new RegExp(`^${procedure}`));
    const upload = await owner.page.request.put(`${base}/api/v1/dossiers/${code}/result-file`, {
      headers: {
        'x-csrf-token': await csrfOf(owner.page),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('du-thao.pdf'),
      },
      data: samplePdf('du thao'),
    });
    expect(upload.status(), await upload.text()).toBe(200);
    const fileId = ((await upload.json()) as { id: string }).id;
    const urls = [
      `/api/v1/dossiers/${code}`,
      `/api/v1/dossiers/${view.id}`,
      `/api/v1/dossiers/${code}/files/${fileId}`,
      `/api/v1/dossiers/${code}/files/${fileId}?inline=true`,
      `/api/v1/dossiers/${code}/forms/01.pdf`,
      `/api/v1/dossiers/${code}/forms/06.pdf`,
    ];
    for (const url of urls) expect((await owner.page.request.get(base + url)).status(), url).toBe(200);
    /** The same address for a dossier that does not exist. */
    const ghost = (url: string) =>
      url
        .replace(code, code.replace(/-\d+$/, '-9999'))
        .replace(view.id, '00000000-0000-4000-8000-000000000000');
    await owner.page.close();

    const leaks = [applicant.personalId, applicant.phone, procedure, 'du-thao.pdf'];
    const expectRefused = async (page: Page, path: string, name: string) => {
      await go(page, path);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await page.getByRole('heading', { name: 'Không tìm thấy hồ sơ' }).count()).toBe(1);
      expect(await alert.textContent()).toMatch(/không tồn tại hoặc bạn không có quyền xem/);
      expect(await page.getByRole('heading', { name: `Hồ sơ ${code}` }).count()).toBe(0);
      const text = (await page.locator('body').textContent()) ?? '';
      for (const leak of leaks) expect(text, `${name}: ${leak}`).not.toContain(leak);
      expect(await page.locator('[data-status]').count()).toBe(0);
      await expectAccessible(page);
      // The API answers exactly as for a dossier that does not exist: nothing tells that this one does.
      const answer = async (res: APIResponse) => ({ status: res.status(), body: await res.text() });
      for (const url of urls) {
        const got = await answer(await page.request.get(base + url));
        expect(got.status, `${name}: ${url}`).toBe(404);
        expect(got, `${name}: ${url}`).toEqual(await answer(await page.request.get(base + ghost(url))));
        for (const leak of leaks) expect(got.body, `${name}: ${url}`).not.toContain(leak);
      }
      // Nor may it be changed by an action or a file sent to it.
      const csrf = await csrfOf(page);
      const action = (ref: string) =>
        page.request.post(`${base}/api/v1/dossiers/${ref}/actions/complete_step`, {
          headers: { 'x-csrf-token': csrf },
          data: { note: 'x' },
        });
      const upload = (ref: string) =>
        page.request.put(`${base}/api/v1/dossiers/${ref}/result-file`, {
          headers: { 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' },
          data: samplePdf('x'),
        });
      for (const send of [action, upload]) {
        const got = await answer(await send(code));
        expect(got.status, `${name}: ${send.name}`).toBe(404);
        expect(got, `${name}: ${send.name}`).toEqual(await answer(await send(ghost(code))));
      }
    };

    // An officer of Sở Xây dựng types the code into the address bar.
    const other = await asUser('xaydung.thuly');
    await withScreenshot(other.page, 'journey-6-officer', async () => {
      await expectRefused(other.page, `/can-bo/ho-so/${code}`, 'xaydung.thuly');
      const list = await other.page.request.get(`${base}/api/v1/dossiers?q=${code}`);
      expect(list.status()).toBe(200);
      expect(await list.text()).not.toContain(code);
      await other.page.getByRole('link', { name: 'Trở về danh sách hồ sơ' }).waitFor();
      expect(other.console.errors()).toEqual([]);
    });
    await other.page.close();

    // Another citizen does the same on "my dossiers".
    const stranger = await asUser('082195004321', 360);
    await withScreenshot(stranger.page, 'journey-6-citizen', async () => {
      await expectRefused(stranger.page, `/ho-so-cua-toi/${code}`, '082195004321');
      await expectNoHorizontalScroll(stranger.page);
      expect(stranger.console.errors()).toEqual([]);
    });
    await stranger.page.close();

    // The applicant opens it, and nothing above was changed by the refused requests.
    const { page, console } = await asUser(CITIZEN, 360);
    await withScreenshot(page, 'journey-6-applicant', async () => {
      await go(page, `/ho-so-cua-toi/${code}`);
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      expect(await statusOf(page)).toBe('Đang xử lý');
      const mine = (await (await page.request.get(`${base}/api/v1/dossiers/${code}`)).json()) as {
        history: { action: string }[];
        resultFiles: { fileName: string }[];
      };
      expect(mine.history.map((h) => h.action)).toEqual(['save_draft', 'receive', 'forward', 'assign']);
      expect(mine.resultFiles.map((f) => f.fileName)).toEqual(['du-thao.pdf']);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  }, 120_000);

  it('a stale version answers 409 with a clear message, and the page reloads the dossier', async () => {
    const desk = await asUser('tuphap.tiepnhan');
    await withScreenshot(desk.page, 'conflict', async () => {
      const created = await desk.page.request.post(`${base}/api/v1/dossiers`, {
        headers: { 'x-csrf-token': await csrfOf(desk.page) },
        data: {
          procedure: '2.000488',
          caseIndex: 0,
          channel: 'in_person',
          applicant: { name: 'Trần Thị Bình', personalId: '079123456789', phone: '0987654321' },
        },
      });
      expect(created.status()).toBe(201);
      const { code } = (await created.json()) as { code: string };
      await go(desk.page, `/can-bo/ho-so/${code}`);
      await desk.page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
      // Meanwhile another window receives it.
      const other = await desk.page.request.post(`${base}/api/v1/dossiers/${code}/actions/receive`, {
        headers: { 'x-csrf-token': await csrfOf(desk.page) },
        data: {},
      });
      expect(other.status()).toBe(200);
      await desk.page.getByRole('button', { name: 'Xác nhận' }).click();
      await desk.page.getByTestId('conflict').waitFor();
      expect(await desk.page.getByTestId('conflict').textContent()).toMatch(/tải lại/);
      await expect.poll(() => statusOf(desk.page)).toBe('Đã tiếp nhận');
    });
    await desk.page.close();
  }, 120_000);

  it('a citizen answers a supplement request with a file, and processing resumes', async () => {
    const staff = await asUser('tuphap.tiepnhan');
    const post = async (page: Page, path: string, data: object) => {
      const res = await page.request.post(base + path, {
        headers: { 'x-csrf-token': await csrfOf(page) },
        data,
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as { code: string; dueAt: string; id: string };
    };
    const { code } = await post(staff.page, '/api/v1/dossiers', {
      procedure: '2.000488',
      caseIndex: 1,
      channel: 'in_person',
      applicant: { name: 'Nguyễn Văn An', personalId: CITIZEN, phone: '0912345678' },
    });
    await post(staff.page, `/api/v1/dossiers/${code}/actions/receive`, { provided: [0, 1] });
    await post(staff.page, `/api/v1/dossiers/${code}/actions/forward`, {});
    const approver = await asUser('tuphap.pheduyet');
    const officers = await approver.page.request.get(
      `${base}/api/v1/staff?agency=000.00.09.H20&role=handling_officer`,
    );
    const handlerId = ((await officers.json()) as { items: { id: string; username: string }[] }).items.find(
      (s) => s.username === 'tuphap.thuly',
    )!.id;
    await post(approver.page, `/api/v1/dossiers/${code}/actions/assign`, { assigneeId: handlerId });
    const handler = await asUser('tuphap.thuly');
    const paused = await post(handler.page, `/api/v1/dossiers/${code}/actions/request_supplement`, {
      items: ['Văn bản ủy quyền có chứng thực'],
      reason: 'Người nộp là người được ủy quyền',
    });

    const { page, console } = await asUser(CITIZEN, 360);
    await withScreenshot(page, 'supplement', async () => {
      await go(page, `/ho-so-cua-toi/${code}`);
      await page.getByText('Cơ quan yêu cầu bổ sung hồ sơ').waitFor();
      expect(await page.getByText('Văn bản ủy quyền có chứng thực').count()).toBeGreaterThan(0);
      // Not the component's name: another paper, with an upload slot of its own.
      await page
        .getByLabel('Giấy tờ bổ sung 1: Văn bản ủy quyền có chứng thực')
        .setInputFiles({ name: 'uy-quyen.pdf', mimeType: 'application/pdf', buffer: samplePdf('uy quyen') });
      await page.getByText('Đã tải lên tệp uy-quyen.pdf.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await act(page, 'Bổ sung hồ sơ', 'Đang xử lý', async () => {
        expect(await page.getByLabel('Giấy tờ đã bổ sung').inputValue()).toBe(
          'Văn bản ủy quyền có chứng thực',
        );
      });
      const after = await page.request.get(`${base}/api/v1/dossiers/${code}`);
      expect(Date.parse(((await after.json()) as { dueAt: string }).dueAt)).toBeGreaterThanOrEqual(
        Date.parse(paused.dueAt),
      );
      expect(console.errors()).toEqual([]);
    });
    for (const p of [staff, approver, handler]) await p.page.close();
    await page.close();
  }, 120_000);

  it.each([
    ['/thu-tuc/2.000488', 1280],
    ['/thu-tuc/2.000488', 360],
    ['/tra-cuu', 1280],
    ['/nop-ho-so/2.000488', 360],
    ['/ho-so-cua-toi', 360],
  ])('%s at %i px (visitor) is accessible without horizontal scroll', async (path, width) => {
    const { page, console } = await asUser(null, width);
    await withScreenshot(page, `visitor${path.replaceAll('/', '-')}-${width}`, async () => {
      await go(page, path);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  });

  it('citizen pages at 360 px: filing steps and my dossiers, no horizontal scroll', async () => {
    const { page, console } = await asUser(CITIZEN, 360);
    await withScreenshot(page, 'citizen-360', async () => {
      await go(page, '/nop-ho-so/2.000488');
      await page.getByRole('heading', { name: /^Bước 1\/4/ }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByRole('radio', { name: /^Cần xác minh/ }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('radio', { name: 'Người được ủy quyền' }).check();
      // Filing for someone else: the account holder becomes the representative.
      expect(await page.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn Văn An');
      // The authorisation date is typed dd/mm/yyyy whatever the browser's locale: month first is refused
      // beside the field, and nothing is sent.
      const drafts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers') drafts.push(r.url());
      });
      const authDate = page.getByLabel('Ngày ủy quyền');
      await authDate.fill('12/31/2025');
      await authDate.blur();
      await page.getByText('Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2026.').waitFor();
      expect(await authDate.getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('button', { name: 'Lưu nháp và tiếp tục' }).click();
      await authDate.fill('31/12/2025');
      await expect.poll(() => authDate.getAttribute('aria-invalid')).toBeNull();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByRole('button', { name: 'Lưu nháp và tiếp tục' }).click();
      // The authorisation is required for a representative: the API says so next to its field.
      await expect
        .poll(() => page.getByLabel('Số văn bản ủy quyền').getAttribute('aria-invalid'))
        .toBe('true');
      // Only the second press was sent.
      expect(drafts).toHaveLength(1);
      await page.getByRole('radio', { name: 'Chủ hồ sơ' }).check();
      await page.getByRole('button', { name: 'Lưu nháp và tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 3\/4/ }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await go(page, '/ho-so-cua-toi');
      await page.getByRole('link', { name: 'Hồ sơ nháp (chưa có mã)' }).first().click();
      await page.getByRole('heading', { name: 'Hồ sơ nháp (chưa có mã)' }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  });

  it('staff pages at 1280 px are accessible: inbox tabs and the intake form', async () => {
    const { page, console } = await asUser('tuphap.tiepnhan');
    await withScreenshot(page, 'staff-pages', async () => {
      await go(page, '/can-bo/ho-so');
      for (const tab of ['Chờ tiếp nhận', 'Chờ trả kết quả', 'Tất cả']) {
        await page.getByRole('tab', { name: tab }).click();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
      }
      // The box follows the address, which the router updates in a transition: wait for it, not for the box.
      await page.getByLabel('Chỉ hồ sơ quá hạn').click();
      await page.waitForURL(/overdue=1/);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.getByLabel('Chỉ hồ sơ quá hạn').isChecked()).toBe(true);
      // The register (form 07) of the agency, as PDF and Excel.
      for (const [name, magic] of [
        ['Tải sổ (PDF)', '%PDF'],
        ['Tải sổ (Excel)', 'PK'],
      ] as const) {
        const href = (await page.getByRole('link', { name }).getAttribute('href'))!;
        const file = await page.request.get(base + href);
        expect(file.status(), await file.text()).toBe(200);
        expect((await file.body()).subarray(0, magic.length).toString('latin1')).toBe(magic);
      }
      await go(page, '/can-bo/tiep-nhan');
      await page.getByLabel('Tìm thủ tục').fill('ly lich');
      await page
        .getByRole('radio', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân/ })
        .check({ timeout: 10_000 });
      await page.getByRole('radio', { name: 'Bưu chính công ích' }).check();
      await page.getByLabel('Số vận đơn bưu chính').waitFor();
      await expectAccessible(page);
      expect(console.errors()).toEqual([]);
    });
    await page.close();
  });
});

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get(`${base}/api/v1/me`);
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}
