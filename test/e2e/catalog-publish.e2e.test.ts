// Issue 14, defect 9: the catalog editor refuses to publish contradictory content, lists every problem at
// once and leads to each field.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
import {
  expectAccessible,
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
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

const TUPHAP = '000.00.09.H20';
const CODE = '2.000990';
const wd = (amount: number) => ({ amount, unit: 'working_days' });

/** The defect as reported: a 5-day procedure with "Nộp trực tiếp: 1 ngày làm việc", no legal basis, no result. */
const contradictory = {
  name: 'Chứng thực chữ ký người dịch (thử nghiệm)',
  field: 'CHUNG_THUC',
  level: 'province',
  agencies: [TUPHAP],
  // Not given: a warning that refuses nothing.
  decision: null,
  steps: 'Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.',
  methods: [{ kind: 'in_person', deadline: wd(1), fees: [] }],
  components: [
    {
      name: 'Bản dịch và bản gốc giấy tờ',
      required: true,
      originals: 1,
      copies: 0,
      formTemplateId: null,
      fromNationalDb: false,
    },
  ],
  deadline: wd(5),
  fees: [],
  applicants: 'Người dịch',
  result: { description: '', paper: true, electronic: false },
  requirements: 'Không',
  legalBasis: [],
  onlineLevel: 'partial',
  fullOnlineEligible: false,
  notBoundToBoundary: false,
  cases: [],
};

const focusedPath = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-path]')?.getAttribute('data-path') ?? null);

describe.skipIf(!hasChromium)('publishing from the catalog editor in Chromium', () => {
  it('lists every problem, leads to each field, and publishes once they are fixed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const console = watchConsole(page);
    await logInAs(page, base, 'tuphap.quantri', DEMO_PASSWORD);
    const me = (await (await page.request.get(`${base}/api/v1/me`)).json()) as { csrfToken: string };
    const created = await page.request.post(`${base}/api/v1/procedures`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { code: CODE, content: contradictory },
    });
    expect(created.status(), await created.text()).toBe(201);

    await withScreenshot(page, 'catalog-publish', async () => {
      await page.goto(`${base}/quan-tri/thu-tuc/${CODE}`, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: 'Công bố', exact: true }).click();
      const list = page.getByTestId('publish-errors');
      await list.waitFor();
      expect(await list.textContent()).toContain('Chưa công bố được: còn 3 vấn đề cần sửa');
      const items = list.locator('li');
      expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual([
        'content/legalBasis',
        'content/result/description',
        'content/methods/0/deadline',
        'content/decision',
      ]);
      expect(await items.nth(2).textContent()).toMatch(/1 ngày làm việc.*5 ngày làm việc/);
      expect(await items.nth(3).getAttribute('data-severity')).toBe('warning');
      // Each problem also stands beside its field.
      expect(await page.getByText('Chưa ghi tên kết quả thực hiện thủ tục.').count()).toBeGreaterThan(1);
      await expectAccessible(page);
      await page.screenshot({ path: 'test-results/catalog-publish-errors.png', fullPage: true });

      // Each field name leads to the field: its section opens and its input takes the focus.
      await list.getByRole('button', { name: 'Cách thức thực hiện 1 › Thời hạn giải quyết' }).click();
      await expect.poll(() => focusedPath(page)).toBe('content/methods/0/deadline');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('5');
      await list.getByRole('button', { name: 'Tên kết quả' }).click();
      await expect.poll(() => focusedPath(page)).toBe('content/result/description');
      await page.keyboard.type('Bản dịch đã được chứng thực chữ ký người dịch');
      await list.getByRole('button', { name: 'Căn cứ pháp lý' }).click();
      await expect.poll(() => focusedPath(page)).toBe('content/legalBasis');
      await page.getByRole('button', { name: 'Thêm văn bản' }).click();
      await page.getByRole('textbox', { name: 'Số, ký hiệu' }).last().fill('23/2015/NĐ-CP');
      await page.getByRole('button', { name: 'Lưu dự thảo', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 })
        .toContain('Đã lưu dự thảo.');
      await page.getByRole('button', { name: 'Công bố', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 })
        .toContain('Đã công bố phiên bản 1');
      expect(await page.getByTestId('publish-errors').count()).toBe(0);
      expect(console.errors()).toEqual([]);
    });
    const published = await (await fetch(`${base}/api/v1/procedures/${CODE}?on=2099-01-01`)).json();
    expect(published.name).toBe(contradictory.name);
    await page.close();
  }, 150_000);
});
