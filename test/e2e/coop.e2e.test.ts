// Issue 14 defect 3, "a request for an opinion never reaches the cooperating agency": Sở Tư pháp asks
// Phường Cao Lãnh for its opinion with a question, a reply time and a file; the commune finds it in its own
// inbox tab and in its notifications, answers with a text and a file; Sở Tư pháp reads the answer and a
// history that names agencies.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, DEMO_PASSWORD, loginAs, type TestApp } from '../support/app.ts';
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
}, 180_000);
afterAll(() => stopBrowserApp({ t, browser }));

const CAOLANH_NAME = 'Ủy ban nhân dân Phường Cao Lãnh';
const TUPHAP_NAME = 'Sở Tư pháp tỉnh Đồng Tháp';
const QUESTION = 'Đề nghị UBND phường xác nhận nơi cư trú hiện nay của người yêu cầu.';
const ANSWER = 'Người yêu cầu cư trú tại khóm 2, Phường Cao Lãnh từ năm 2015.';

async function asUser(username: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const console = watchConsole(page);
  await logInAs(page, base, username, DEMO_PASSWORD);
  return { page, console };
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

/** A Sở Tư pháp dossier assigned to its handling officer (set up through the API). */
async function assignedDossier(): Promise<string> {
  const desk = await loginAs(t.app, 'tuphap.tiepnhan');
  const approver = await loginAs(t.app, 'tuphap.pheduyet');
  const handler = await loginAs(t.app, 'tuphap.thuly');
  const created = await as(t.app, desk)('POST', '/api/v1/dossiers', {
    procedure: '2.000488',
    caseIndex: 0,
    channel: 'in_person',
    applicant: { name: 'Trần Văn Bình', personalId: '087090007777', address: 'Khóm 2, Phường Cao Lãnh' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const code = created.json<{ code: string }>().code;
  for (const [s, action, body] of [
    [desk, 'receive', {}],
    [desk, 'forward', {}],
    [approver, 'assign', { assigneeId: handler.userId }],
  ] as const) {
    const res = await as(t.app, s)('POST', `/api/v1/dossiers/${code}/actions/${action}`, body);
    expect(res.statusCode, res.body).toBe(200);
  }
  return code;
}

describe.skipIf(!hasChromium)('an opinion request between agencies, in Chromium', () => {
  it('goes from Sở Tư pháp to Phường Cao Lãnh and back, with its question, deadline and files', async () => {
    const code = await assignedDossier();

    // 1. Sở Tư pháp's handling officer asks for the opinion.
    const officer = await asUser('tuphap.thuly');
    await withScreenshot(officer.page, 'coop-send', async () => {
      const page = officer.page;
      await go(page, `/can-bo/ho-so/${code}`);
      await page.locator('button[data-action="send_to_cooperating"]').click();
      const form = page.getByRole('form', { name: 'Xin ý kiến cơ quan phối hợp (liên thông)' });
      await form.getByLabel('Cơ quan được xin ý kiến').click();
      await page.keyboard.type('Cao Lãnh');
      await page.getByRole('option', { name: CAOLANH_NAME }).click();
      await page.keyboard.press('Escape');
      await form.getByLabel('Nội dung xin ý kiến').fill(QUESTION);
      const days = form.getByLabel('Thời hạn cho ý kiến (ngày làm việc)');
      expect(await days.inputValue()).toBe('3');
      await days.fill('2');
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: 'cong-van-xin-y-kien.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
      await form.getByText('cong-van-xin-y-kien.pdf').waitFor();
      await page.screenshot({ path: '/tmp/coop-1-send-form.png', fullPage: true });
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      const branch = page.locator(`[data-opinion="000.21.31.H20"]`);
      await branch.getByText(QUESTION).waitFor();
      await branch.getByText('Đang chờ cho ý kiến').waitFor();
      await branch.getByText('cong-van-xin-y-kien.pdf').waitFor();
      await page.screenshot({ path: '/tmp/coop-2-sent.png', fullPage: true });
    });

    // The reply due time shown is the calendar's: two working days by the commune's calendar.
    const view = await (await officer.page.request.get(`${base}/api/v1/dossiers/${code}`)).json();
    const sentAt = (view as { cooperation: { sentAt: string; replyDueAt: string }[] }).cooperation[0]!;
    const deadline = await fetch(
      `${base}/api/v1/calendar/deadline?${new URLSearchParams({
        start: sentAt.sentAt,
        amount: '2',
        unit: 'working_days',
        agency: '000.21.31.H20',
      })}`,
    );
    expect(Date.parse(sentAt.replyDueAt)).toBe(Date.parse(((await deadline.json()) as { due: string }).due));

    // 2. The commune's handling officer: a notice, the tab with its count, the dossier, the answer.
    const commune = await asUser('caolanh.thuly');
    await withScreenshot(commune.page, 'coop-answer', async () => {
      const page = commune.page;
      await expect
        .poll(async () => (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '')
        .toMatch(/Thông báo: \d+ chưa đọc/);
      await go(page, '/can-bo/ho-so');
      const tab = page.getByRole('tab', { name: /Xin ý kiến/ });
      await tab.waitFor();
      const count = Number(await page.getByTestId('opinion-count').textContent());
      expect(count).toBeGreaterThanOrEqual(1);
      await tab.click();
      await page.getByTestId('opinion-total').getByText(`${count} hồ sơ chờ cho ý kiến`).waitFor();
      const row = page.locator(`tr[data-code="${code}"]`);
      await row.getByText(QUESTION).waitFor();
      await row.getByText(TUPHAP_NAME).waitFor();
      expect(await row.locator('td').nth(5).textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/coop-3-commune-tab.png', fullPage: true });

      await go(page, '/thong-bao');
      const notice = page.locator('li[data-kind="dossier.opinion_requested"]', { hasText: code });
      await notice.getByText(`${TUPHAP_NAME} xin ý kiến về hồ sơ ${code}`, { exact: false }).waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/coop-4-notifications.png', fullPage: true });
      await notice.getByRole('link', { name: new RegExp(code.replaceAll('.', '\\.')) }).click();

      await page.getByTestId('opinion-only').waitFor();
      await page.locator('[data-opinion="000.21.31.H20"]').getByText(QUESTION).waitFor();
      await page.getByText('cong-van-xin-y-kien.pdf').first().waitFor();
      await expectAccessible(page);
      await page.locator('button[data-action="cooperating_result"]').click();
      const form = page.getByRole('form', { name: 'Cho ý kiến (trả kết quả phối hợp)' });
      await form.getByLabel('Ý kiến trả lời').fill(ANSWER);
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: 'xac-nhan-cu-tru.png', mimeType: 'image/png', buffer: samplePng() });
      await form.getByText('xac-nhan-cu-tru.png').waitFor();
      await page.screenshot({ path: '/tmp/coop-5-answer-form.png', fullPage: true });
      await form.getByRole('button', { name: 'Xác nhận' }).click();
      await page.locator('[data-opinion="000.21.31.H20"]').getByText(ANSWER).waitFor();
      await page.screenshot({ path: '/tmp/coop-6-answered.png', fullPage: true });

      // Answered: it leaves the tab.
      await go(page, '/can-bo/ho-so?tab=opinion');
      await page.getByTestId('opinion-total').waitFor();
      expect(await page.locator(`tr[data-code="${code}"]`).count()).toBe(0);
    });

    // 3. Back at Sở Tư pháp: the answer, its file, and a history in agency names.
    await withScreenshot(officer.page, 'coop-read', async () => {
      const page = officer.page;
      await go(page, `/can-bo/ho-so/${code}`);
      const branch = page.locator('[data-opinion="000.21.31.H20"]');
      await branch.getByText(ANSWER).waitFor();
      await branch.getByText('xac-nhan-cu-tru.png').waitFor();
      const history = page.locator('section', {
        has: page.getByRole('heading', { name: 'Quá trình xử lý' }),
      });
      await history.getByText(`Cơ quan được xin ý kiến: ${CAOLANH_NAME}`).waitFor();
      await history.getByText(`Cơ quan cho ý kiến: ${CAOLANH_NAME}`).waitFor();
      expect(await history.textContent()).not.toContain('000.21.31.H20');
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/coop-7-history.png', fullPage: true });
    });
    expect(officer.console.errors()).toEqual([]);
    expect(commune.console.errors()).toEqual([]);
  }, 300_000);
});
