import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, as, loginAs, type TestApp } from '../support/app.ts';
import { expectAccessible, hasChromium, withScreenshot, startBrowserApp, stopBrowserApp } from './browser.ts';

const TUPHAP = '000.00.09.H20';
const PROVINCE = '000.00.00.H20';
const LLTP = '2.000488';

let t: TestApp;
let browser: Browser;
let base: string;

/** Today in Vietnam, 'YYYY-MM-DD'. */
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** The first day of the month `back` months before this one. */
const monthStart = (back: number) => {
  const [y, m] = vnToday().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 10);
};

/** Live dossiers received today at Sở Tư pháp, and resolved history in earlier months, so the reports have figures. */
async function seedDossiers() {
  const desk = await loginAs(t.app, 'tuphap.tiepnhan');
  const call = as(t.app, desk);
  for (let i = 0; i < 3; i++) {
    const created = await call('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: `Nguyễn Văn Thử ${i + 1}`, personalId: `08719000111${i}` },
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json<{ code: string }>().code;
    expect((await call('POST', `/api/v1/dossiers/${code}/actions/receive`, {})).statusCode).toBe(200);
  }
  const importId = randomUUID();
  const rows = [
    { back: 1, day: 3, channel: 'online', finishedAfter: 2, outcome: 'resolved', dueAfter: 10 },
    { back: 1, day: 5, channel: 'in_person', finishedAfter: 12, outcome: 'resolved', dueAfter: 10 },
    { back: 2, day: 7, channel: 'online', finishedAfter: 3, outcome: 'resolved', dueAfter: 10 },
    { back: 3, day: 9, channel: 'postal', finishedAfter: 1, outcome: 'resolved', dueAfter: 10 },
  ];
  for (const [n, r] of rows.entries()) {
    const received = addDays(monthStart(r.back), r.day - 1);
    await t.database.db.execute(sql`
      insert into dossier_history (code, agency_id, procedure_id, channel, received_at, due_at, finished_at,
                                   outcome, supplement_requests, import_id)
      values (${`${TUPHAP}-HISTORY-${n}`}, (select id from agencies where code = ${TUPHAP}),
              (select id from procedures where code = ${LLTP}), ${r.channel},
              ${`${received}T08:00:00+07:00`}::timestamptz,
              ${`${addDays(received, r.dueAfter)}T08:00:00+07:00`}::timestamptz,
              ${`${addDays(received, r.finishedAfter)}T10:00:00+07:00`}::timestamptz,
              ${r.outcome}, 0, ${importId})`);
  }
}

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
  await seedDossiers();
}, 180_000);
afterAll(() => stopBrowserApp({ t, browser }));

/** A fresh page (own cookies) logged in as `username`, with uncaught page errors collected. */
async function asUser(username: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + '/dang-nhap', { waitUntil: 'networkidle' });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
  return { page, errors };
}

async function go(page: Page, path: string) {
  await page.goto(base + path, { waitUntil: 'networkidle' });
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** What has keyboard focus, and whether it shows a visible outline. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      text: el?.textContent?.trim() ?? '',
      tag: el?.tagName ?? '',
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
    };
  });
}

describe.skipIf(!hasChromium)('administration, dashboard and reports in Chromium', () => {
  it('journey 5: an administrator adds a make-up working day to next year and publishes a new version of a procedure', async () => {
    const { page, errors } = await asUser('admin');
    await withScreenshot(page, 'journey-5', async () => {
      // 1. The calendar: a Saturday of next year becomes a make-up working day.
      const year = Number(vnToday().slice(0, 4)) + 1;
      await go(page, '/lich');
      await page.getByLabel('Năm').fill(String(year));
      await expect.poll(() => page.locator('h2').first().textContent()).toBe(`Lịch làm việc năm ${year}`);
      let saturday = '';
      for (
        let d = new Date(Date.UTC(year, 5, 1));
        d.getUTCFullYear() === year;
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        if (d.getUTCDay() !== 6) continue;
        const date = d.toISOString().slice(0, 10);
        if ((await page.locator(`[data-date="${date}"]`).getAttribute('data-kind')) === 'weekend') {
          saturday = date;
          break;
        }
      }
      expect(saturday).not.toBe('');
      const cell = page.locator(`[data-date="${saturday}"]`);
      await cell.click();
      expect(await cell.getAttribute('data-kind')).toBe('make_up_working_day');
      await page.getByRole('button', { name: `Lưu lịch năm ${year}` }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe(`Đã lưu lịch năm ${year}.`);
      const notice = await (await fetch(`${base}/api/v1/calendar/years/${year}`)).json();
      expect(notice.notice.makeUpWorkingDays).toContain(saturday);

      // 2. The catalog: find a demo procedure, edit a draft of it, publish it with an effective date.
      await go(page, '/quan-tri');
      await page.getByRole('link', { name: 'Danh mục thủ tục' }).first().click();
      await page.getByLabel('Tìm thủ tục').fill('ly lich tu phap cong dan');
      const link = page.getByRole('link', { name: LLTP, exact: true });
      await link.waitFor({ timeout: 10_000 });
      await expectAccessible(page);
      await link.click();
      await page.getByRole('heading', { level: 2, name: /^Cấp Phiếu lý lịch tư pháp/ }).waitFor();
      await page.getByText('Nội dung dưới đây là của phiên bản 1 đã công bố', { exact: false }).waitFor();
      const requirements = page.getByLabel('Yêu cầu, điều kiện');
      await requirements.fill('Người yêu cầu từ đủ 14 tuổi trở lên (cập nhật thử nghiệm).');
      await page
        .getByLabel('Ghi chú của phiên bản (nội dung thay đổi, căn cứ)')
        .fill('Cập nhật yêu cầu, điều kiện');
      await page.getByRole('button', { name: 'Lưu dự thảo', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 })
        .toContain('Đã lưu dự thảo.');
      await page.getByText('Có dự thảo (phiên bản 2)').waitFor();

      const effective = addDays(vnToday(), 7);
      const dateInput = page.getByLabel('Ngày có hiệu lực');
      await dateInput.fill(vn(effective));
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Công bố', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 })
        .toContain(`Đã công bố phiên bản 2, có hiệu lực từ ngày ${vn(effective)}.`);

      await page.getByRole('tab', { name: 'Lịch sử phiên bản' }).click();
      const row = page.locator('[data-testid="history"] tr[data-seq="2"]');
      await expect.poll(() => row.getAttribute('data-status')).toBe('scheduled');
      expect(await row.textContent()).toContain(vn(effective));
      expect(await row.textContent()).toContain('Yêu cầu, điều kiện');
      await expectAccessible(page);

      const history = await (await fetch(`${base}/api/v1/procedures/${LLTP}/history`)).json();
      expect(history.versions[0]).toMatchObject({ seq: 2, status: 'scheduled', effectiveFrom: effective });
      const scheduled = await (await fetch(`${base}/api/v1/procedures/${LLTP}?on=${effective}`)).json();
      expect(scheduled.requirements).toBe('Người yêu cầu từ đủ 14 tuổi trở lên (cập nhật thử nghiệm).');
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a refused internal process budget next to the steps, in the user’s language', async () => {
    const { page } = await asUser('tuphap.quantri');
    await withScreenshot(page, 'process-budget', async () => {
      await go(page, `/quan-tri/thu-tuc/${LLTP}?tab=processes`);
      const agency = page.locator(`[data-agency="${TUPHAP}"]`);
      await agency.waitFor();
      expect(await agency.getByTestId('budget').textContent()).toContain('10 / 10 ngày làm việc');
      await agency.getByRole('textbox', { name: 'Thời gian của bước' }).nth(2).fill('20');
      await agency.getByRole('button', { name: 'Lưu quy trình' }).click();
      const error = agency.getByRole('alert').filter({ hasText: 'vượt thời hạn giải quyết' }).first();
      await error.waitFor({ timeout: 10_000 });
      expect(await error.textContent()).toMatch(/Tổng thời gian các bước \(.+\) vượt thời hạn giải quyết/);
      await expectAccessible(page);
    });
    await page.close();
  });

  it('reports every error of an imported catalog file with its place, after showing the upload', async () => {
    const { page } = await asUser('admin');
    await withScreenshot(page, 'catalog-import', async () => {
      await go(page, '/quan-tri/thu-tuc');
      const file = 'test-results/catalog-invalid.json';
      writeFileSync(
        file,
        JSON.stringify({
          format: 'motcua-catalog',
          formatVersion: 1,
          procedures: [
            { code: '1.999001', effectiveFrom: '2020-01-01', content: { name: '' }, processes: [] },
          ],
        }),
      );
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      const report = page.getByTestId('import-errors');
      await report.waitFor({ timeout: 15_000 });
      expect(await report.textContent()).toContain('Tệp danh mục có lỗi; chưa có dữ liệu nào được nhập.');
      expect(await report.locator('tbody tr').count()).toBeGreaterThan(3);
      expect(await report.textContent()).toContain('procedures/0/content/field');
      await expectAccessible(page);
    });
    await page.close();
  });

  it('lets an agency administrator edit the agency and its units, and manage staff, by keyboard', async () => {
    const { page } = await asUser('tuphap.quantri');
    await withScreenshot(page, 'agencies-staff', async () => {
      await go(page, '/quan-tri/co-quan');
      await page.getByRole('heading', { level: 3, name: 'Sở Tư pháp tỉnh Đồng Tháp' }).waitFor();
      await expectAccessible(page);
      await noHorizontalScroll(page);
      // An office-hours period that ends before it starts is refused beside the form.
      await page.getByLabel('Theo giờ hành chính mặc định (07:00–11:30 và 13:30–17:00)').uncheck();
      await page.getByLabel('Từ (giờ:phút)').first().fill('11:00');
      await page.getByLabel('Đến (giờ:phút)').first().fill('08:00');
      await page.getByRole('button', { name: 'Lưu thông tin cơ quan' }).click();
      await page.getByTestId('agency-errors').waitFor({ timeout: 10_000 });
      await page.getByLabel('Theo giờ hành chính mặc định (07:00–11:30 và 13:30–17:00)').check();
      await page.getByLabel('Điện thoại').fill('02773851230');
      await page.getByRole('button', { name: 'Lưu thông tin cơ quan' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã lưu thay đổi.' }).waitFor({ timeout: 10_000 });

      // A unit added with the keyboard alone.
      await page.getByLabel('Tên phòng, đơn vị').focus();
      await page.keyboard.type('Phòng Công chứng');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const button = await focused(page);
      expect(button.text).toBe('Thêm phòng, đơn vị');
      expect(button.outline).toMatch(/^solid [1-9]/);
      await page.keyboard.press('Enter');
      await page.locator('[data-unit="Phòng Công chứng"]').waitFor({ timeout: 10_000 });

      // Staff: find an officer, grant a second role, then disable the account.
      await go(page, '/quan-tri/can-bo');
      await page.getByLabel('Tìm cán bộ').fill('tuphap.vanthu');
      await expect.poll(() => page.locator('tr[data-username]').count(), { timeout: 10_000 }).toBe(1);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Sửa Ngô Hoàng Mai' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('combobox', { name: 'Vai trò', exact: true }).click();
      await page.getByRole('option', { name: 'Chuyên viên thụ lý', exact: true }).click();
      await dialog.getByRole('button', { name: 'Cấp vai trò' }).click();
      await dialog
        .getByRole('button', { name: 'Thu hồi vai trò Chuyên viên thụ lý' })
        .waitFor({ timeout: 10_000 });
      await expectAccessible(page);
      await dialog.getByLabel('Khóa tài khoản').check();
      await dialog.getByRole('button', { name: 'Lưu', exact: true }).click();
      await dialog.getByRole('status').waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.locator('tr[data-username="tuphap.vanthu"]').textContent())
        .toContain('Đã khóa');
    });
    await page.close();
  });

  it('shows the dashboard with figures to the province supervisor', async () => {
    const { page, errors } = await asUser('tinh.giamsat');
    await withScreenshot(page, 'dashboard', async () => {
      await go(page, '/bang-dieu-khien');
      const week = page.locator('[data-card="week"] [data-value]');
      await expect.poll(() => week.textContent(), { timeout: 15_000 }).toBe('3');
      await expect.poll(() => page.locator('[data-card="open"] [data-value]').textContent()).toBe('3');
      await expect
        .poll(() => page.locator('[data-testid="status-counts"] tr[data-status="received"]').textContent())
        .toContain('3');
      // The monthly chart: three months of history and this month's dossiers.
      const chart = page.getByRole('img', { name: /Biểu đồ cột/ });
      await chart.waitFor({ timeout: 15_000 });
      // Two bars a month (received, resolved) over six months, drawn by recharts.
      await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBe(12);
      await expect.poll(() => page.getByText('Không có hồ sơ quá hạn.').count()).toBe(1);
      await expectAccessible(page);
      await noHorizontalScroll(page);
      // The received-this-week figure opens the inbox filtered the same way.
      const href = await week.getAttribute('href');
      expect(href).toMatch(
        /^\/can-bo\/ho-so\?tab=all&receivedFrom=\d{4}-\d{2}-\d{2}T00%3A00%3A00%2B07%3A00$/,
      );
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the period report with drill-down links, definitions and presets, usable by keyboard', async () => {
    const { page, errors } = await asUser('tinh.giamsat');
    await withScreenshot(page, 'report', async () => {
      await go(page, '/bao-cao');
      await page.getByRole('combobox', { name: 'Cơ quan', exact: true }).click();
      await page.getByRole('option', { name: 'Ủy ban nhân dân tỉnh Đồng Tháp' }).click();
      await page.getByRole('button', { name: 'Năm nay' }).click();
      const year = vnToday().slice(0, 4);
      expect(await page.getByRole('textbox', { name: 'Từ ngày' }).inputValue()).toBe(`01/01/${year}`);
      expect(await page.getByRole('textbox', { name: 'Đến ngày' }).inputValue()).toBe(`31/12/${year}`);
      await page.getByLabel('Gồm các cơ quan trực thuộc').check();
      await page.getByRole('combobox', { name: 'Chi tiết theo' }).click();
      await page.getByRole('option', { name: 'Cơ quan', exact: true }).click();
      // Submit from the keyboard: the button is reachable and shows its focus.
      // Reached by Tab (a programmatic focus after mouse clicks does not show :focus-visible).
      await page.getByRole('button', { name: 'Xem báo cáo' }).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const submit = await focused(page);
      expect(submit.text).toBe('Xem báo cáo');
      expect(submit.outline).toMatch(/^solid [1-9]/);
      await page.keyboard.press('Enter');

      const report = page.getByTestId('report');
      await report.waitFor({ timeout: 15_000 });
      // This year has not ended: the figures are as of now, and the page says so.
      expect(await page.getByTestId('report-as-of').textContent()).toMatch(
        /^Kỳ báo cáo chưa kết thúc: số liệu tính đến \d{2}:\d{2} \d{2}\/\d{2}\/\d{4};/,
      );
      await page.screenshot({ path: 'test-results/report-this-year.png', fullPage: true });
      const total = page.locator('tr[data-row="__total"]');
      const history = await t.database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from dossier_history where received_at >= ${`${year}-01-01T00:00:00+07:00`}::timestamptz`,
      );
      const inPeriod = 3 + history.rows[0]!.n;
      expect(await total.locator('[data-figure="received.total"]').textContent()).toBe(String(inPeriod));
      // Every figure opens the list of the dossiers it counts, the whole province's included.
      const online = total.locator('[data-figure="received.online"] a');
      if ((await online.count()) > 0) expect(await online.getAttribute('href')).toContain('/bao-cao/ho-so?');
      // Sở Tư pháp's row opens its lists.
      const row = page.locator(`tr[data-row="${TUPHAP}"]`);
      const progress = row.locator('[data-figure="inProgress.total"] a');
      expect(await progress.textContent()).toBe('3');
      const href = (await progress.getAttribute('href'))!;
      const query = new URL(href, base).searchParams;
      expect(new URL(href, base).pathname).toBe('/bao-cao/ho-so');
      expect(Object.fromEntries(query)).toEqual({
        agency: PROVINCE,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        subtree: 'true',
        groupBy: 'agency',
        group: TUPHAP,
        cell: 'inProgress.total',
      });
      // The same query gives the dossiers behind the figure.
      const supervisor = await loginAs(t.app, 'tinh.giamsat');
      const list = await as(t.app, supervisor)(
        'GET',
        `/api/v1/reports/resolution/dossiers?${query.toString()}`,
      );
      expect(list.json<{ total: number }>().total).toBe(3);
      const resolved = row.locator('[data-figure="resolved.total"]');
      if ((await resolved.textContent()) !== '0')
        expect(await resolved.locator('a').getAttribute('href')).toContain('cell=resolved.total');
      // Percentages with a decimal comma (or a dash when nothing was resolved yet this year).
      expect(await page.getByTestId('on-time-share').textContent()).toMatch(/^(\d{1,3},\d{2}%|—)$/);
      await page.getByText('Giải thích số liệu').waitFor();
      expect(await page.getByText('Số từ kỳ trước chuyển qua:', { exact: false }).count()).toBe(1);
      await expectAccessible(page);
      await noHorizontalScroll(page);

      // The reporting periods of Decree 09/2019: the 15th to the 14th.
      await page.getByLabel('Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP').check();
      await page.getByRole('button', { name: 'Năm nay' }).click();
      expect((await page.getByRole('textbox', { name: 'Từ ngày' }).inputValue()).slice(0, 6)).toBe('15/12/');
      expect((await page.getByRole('textbox', { name: 'Đến ngày' }).inputValue()).slice(0, 6)).toBe('14/12/');
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['admin', '/quan-tri'],
    ['admin', '/quan-tri/thu-tuc/moi'],
    ['tuphap.quantri', `/quan-tri/thu-tuc/${LLTP}`],
    ['tuphap.quantri', '/bang-dieu-khien'],
    ['tuphap.tiepnhan', '/bao-cao'],
  ])('as %s, %s at 1280 px has no serious accessibility violation', async (user, path) => {
    const { page, errors } = await asUser(user);
    await withScreenshot(page, `a11y-admin${path.replaceAll('/', '-')}`, async () => {
      await go(page, path);
      await page.locator('h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      await noHorizontalScroll(page);
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses the administration screens to officers without an administrative role', async () => {
    const { page } = await asUser('tuphap.thuly');
    await go(page, '/quan-tri/can-bo');
    await page.getByText('Tài khoản của bạn không có quyền sử dụng chức năng này.').waitFor();
    expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
    await page.close();
  });
});
