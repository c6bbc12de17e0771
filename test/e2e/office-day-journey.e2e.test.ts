// Issue 14, "a test of the whole office day": one dossier through every role and two agencies, through the
// pages only. A citizen files online (normal case, attachments, preview); Sở Tư pháp's desk receives it and
// prints form 01; the handling officer asks Phường Cao Lãnh for an opinion, which the commune answers from its
// own inbox; the approver and the clerk each find it in their own tab; the desk returns the result; the citizen
// rates; a supervisor opens the period report and drills down to that dossier.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
  hasChromium,
  logInAs,
  samplePdf,
  samplePng,
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
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

const CITIZEN = '087090001234';
const LLTP = '2.000488';
const PROVINCE = '000.00.00.H20';
const TUPHAP = '000.00.09.H20';
const CAOLANH = '000.21.31.H20';

async function asUser(username: string, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const console = watchConsole(page);
  await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

/** Opens an action's form on a dossier page, fills it, confirms, and waits for the confirmation. */
async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  await fill?.();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thực hiện: ${action}.` })
    .waitFor({ timeout: 15_000 });
}

/** Finds the dossier in the inbox tab named `tab` (by searching its code) and opens it. */
async function openFromTab(page: Page, tab: string | RegExp, code: string): Promise<void> {
  await go(page, '/can-bo/ho-so');
  await page.getByRole('tab', { name: tab }).click();
  await page.getByLabel('Tìm hồ sơ').fill(code);
  // The search settles into the address after 300 ms; clicking before would be undone by it.
  await page.waitForURL(/[?&]q=/);
  await page.getByRole('link', { name: code }).first().click({ timeout: 15_000 });
  await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
}

describe.skipIf(!hasChromium)('the whole office day in Chromium', () => {
  it('one dossier goes from a citizen through the desk, two agencies, approval, issue and return, to the report', async () => {
    const pages: { page: Page; console: { errors: () => string[] } }[] = [];
    const as = async (username: string, width?: number) => {
      const p = await asUser(username, width);
      pages.push(p);
      return p;
    };

    // 1. The citizen files online: the normal case, two attachments, a preview, then submits.
    const citizen = await as(CITIZEN);
    let code = '';
    await withScreenshot(citizen.page, 'day-1-file', async () => {
      const page = citizen.page;
      await go(page, `/nop-ho-so/${LLTP}`);
      await page.getByRole('heading', { name: /^Bước 1\/4/ }).waitFor();
      expect(await page.getByRole('radio', { name: /^Trường hợp thông thường/ }).isChecked()).toBe(true);
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
      await page.getByRole('button', { name: 'Xem trước' }).first().click();
      await page.locator('iframe[title="Xem trước tệp to-khai.pdf"]').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: /^Bước 4\/4/ }).waitFor();
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      const codeEl = page.getByTestId('dossier-code');
      await codeEl.waitFor({ timeout: 15_000 });
      code = (await codeEl.textContent())!;
      expect(code.startsWith(`${TUPHAP}-`)).toBe(true);
    });

    // 2. Sở Tư pháp's desk finds it waiting, receives it, prints form 01 and forwards it.
    const desk = await as('tuphap.tiepnhan');
    await withScreenshot(desk.page, 'day-2-desk', async () => {
      const page = desk.page;
      await openFromTab(page, /^Chờ tiếp nhận/, code);
      await act(page, 'Tiếp nhận hồ sơ');
      const form01 = page.locator('a[href$="/forms/01.pdf"]').first();
      await form01.waitFor();
      const pdf = await page.request.get(base + (await form01.getAttribute('href'))!);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await act(page, 'Chuyển cơ quan giải quyết');
    });

    // 3. The approver assigns it from "to assign".
    const approver = await as('tuphap.pheduyet');
    await withScreenshot(approver.page, 'day-3-assign', async () => {
      const page = approver.page;
      await openFromTab(page, /^Chờ phân công/, code);
      await act(page, 'Phân công thụ lý', async () => {
        await page.getByRole('combobox', { name: 'Chuyên viên thụ lý' }).click();
        await page.getByRole('option', { name: /tuphap\.thuly/ }).click();
      });
    });

    // 4. The handling officer asks Phường Cao Lãnh for an opinion, with a question, a deadline and a file.
    const handler = await as('tuphap.thuly');
    const question = 'Đề nghị xác nhận nơi cư trú của người yêu cầu từ năm 2010 đến nay.';
    const answer = 'Người yêu cầu cư trú liên tục tại phường từ năm 2008.';
    await withScreenshot(handler.page, 'day-4-ask', async () => {
      const page = handler.page;
      await openFromTab(page, /^Đang thụ lý/, code);
      await page.locator('button[data-action="send_to_cooperating"]').click();
      const form = page.getByRole('form', { name: 'Xin ý kiến cơ quan phối hợp (liên thông)' });
      await form.getByLabel('Cơ quan được xin ý kiến').click();
      await page.keyboard.type('Cao Lãnh');
      await page.getByRole('option', { name: /Phường Cao Lãnh/ }).click();
      await page.keyboard.press('Escape');
      await form.getByLabel('Nội dung xin ý kiến').fill(question);
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: 'cong-van.pdf', mimeType: 'application/pdf', buffer: samplePdf('cong van') });
      await form.getByText('cong-van.pdf').waitFor();
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await page.locator(`[data-opinion="${CAOLANH}"]`).getByText(question).waitFor({ timeout: 15_000 });
    });

    // 5. The commune finds it in its own tab and answers with a file.
    const commune = await as('caolanh.thuly');
    await withScreenshot(commune.page, 'day-5-commune', async () => {
      const page = commune.page;
      await go(page, '/can-bo/ho-so');
      await page.getByRole('tab', { name: /Xin ý kiến/ }).click();
      const row = page.locator(`tr[data-code="${code}"]`);
      await row.getByText(question).waitFor({ timeout: 15_000 });
      await expectAccessible(page);
      await row.getByRole('link', { name: code }).click();
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await page.locator('button[data-action="cooperating_result"]').click();
      const form = page.getByRole('form', { name: 'Cho ý kiến (trả kết quả phối hợp)' });
      await form.getByLabel('Ý kiến trả lời').fill(answer);
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: 'xac-nhan.png', mimeType: 'image/png', buffer: samplePng() });
      await form.getByText('xac-nhan.png').waitFor();
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await page.locator(`[data-opinion="${CAOLANH}"]`).getByText(answer).waitFor({ timeout: 15_000 });
    });

    // 6. The handling officer reads the answer and completes the step.
    await withScreenshot(handler.page, 'day-6-handle', async () => {
      const page = handler.page;
      await openFromTab(page, /^Đang thụ lý/, code);
      await page.locator(`[data-opinion="${CAOLANH}"]`).getByText(answer).waitFor();
      await act(page, 'Hoàn thành bước, chuyển bước sau', async () => {
        await page.getByLabel('Ghi chú').fill('Đủ điều kiện cấp phiếu');
      });
    });

    // 7. The approver approves from "to approve"; the clerk issues from "to issue".
    await withScreenshot(approver.page, 'day-7-approve', async () => {
      await openFromTab(approver.page, /^Chờ phê duyệt/, code);
      await act(approver.page, 'Phê duyệt');
    });
    const clerk = await as('tuphap.vanthu');
    await withScreenshot(clerk.page, 'day-7-issue', async () => {
      const page = clerk.page;
      await openFromTab(page, /^Chờ phát hành/, code);
      await page
        .getByLabel('Văn bản kết quả (bản điện tử)')
        .setInputFiles({ name: 'Phiếu LLTP.pdf', mimeType: 'application/pdf', buffer: samplePdf('ket qua') });
      await page.getByText('Đã tải lên tệp Phiếu LLTP.pdf.').waitFor();
      await act(page, 'Vào số, phát hành kết quả', async () => {
        await page.getByLabel('Số văn bản kết quả').fill('301/PLLTP');
        await page.getByLabel('Kết quả có bản điện tử').check();
      });
    });

    // 8. The desk returns the result from "to return".
    await withScreenshot(desk.page, 'day-8-return', async () => {
      await openFromTab(desk.page, /^Chờ trả kết quả/, code);
      await act(desk.page, 'Trả kết quả');
      await expect
        .poll(() => desk.page.locator('[data-status]').first().textContent())
        .toBe('Đã trả kết quả');
    });

    // 9. The citizen rates it.
    await withScreenshot(citizen.page, 'day-9-rate', async () => {
      const page = citizen.page;
      await go(page, `/ho-so-cua-toi/${code}`);
      await page.getByRole('link', { name: 'Phiếu LLTP.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Đánh giá mức độ hài lòng', exact: true }).click();
      await page.getByRole('radio', { name: 'Rất hài lòng' }).check();
      for (const group of await page.getByRole('radiogroup').all()) {
        const two = group.getByRole('radio', { name: '2 điểm' });
        if ((await two.count()) === 1) await two.check();
      }
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByText('Bạn đã đánh giá hồ sơ này: Rất hài lòng.').waitFor({ timeout: 15_000 });
    });

    // 10. The supervisor opens today's report and drills down from Sở Tư pháp's resolved figure to the dossier.
    const supervisor = await as('tinh.giamsat');
    await withScreenshot(supervisor.page, 'day-10-report', async () => {
      const page = supervisor.page;
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      await go(page, `/bao-cao?agency=${PROVINCE}&from=${today}&to=${today}&subtree=true&groupBy=agency`);
      const cell = page.locator(`tr[data-row="${TUPHAP}"] [data-figure="resolved.total"] a`);
      await cell.waitFor({ timeout: 20_000 });
      const shown = Number(await cell.textContent());
      expect(shown).toBeGreaterThanOrEqual(1);
      await cell.click();
      await page.waitForURL(/\/bao-cao\/ho-so\?/);
      await page.getByTestId('drill-total').getByText(`Số hồ sơ: ${shown}`).waitFor({ timeout: 20_000 });
      await page.getByRole('link', { name: code }).click();
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    });

    for (const p of pages) {
      expect(p.console.errors()).toEqual([]);
      await p.page.close();
    }
  }, 400_000);
});
