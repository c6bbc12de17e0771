import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, type TestApp } from '../support/app.ts';
import { hasChromium, logInAs, withScreenshot, startBrowserApp, stopBrowserApp } from './browser.ts';

// Every page of the web app and the API documentation under the server's Content-Security-Policy, in Chromium:
// any violation (an inline script, a style or image source the policy does not allow) fails.

let t: TestApp;
let browser: Browser;
let base: string;
let dossierCode: string;

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
  // A dossier taken in at the desk, for the tracking and dossier pages.
  const desk = await loginAs(t.app, 'tuphap.tiepnhan');
  const headers = { cookie: desk.cookie, 'x-csrf-token': desk.csrf };
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers,
    payload: {
      procedure: '2.000488',
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Trần Văn Bình', personalId: '087090001234', phone: '0912345678' },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  dossierCode = created.json<{ code: string }>().code;
  const received = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${dossierCode}/actions/receive`,
    headers,
    payload: { provided: [0] },
  });
  expect(received.statusCode, received.body).toBe(200);
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

/** Records every CSP violation of the pages of a context, from the event and from the console. */
async function watchedContext(): Promise<{ context: BrowserContext; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const violations: string[] = [];
  // Added through the DevTools protocol, so the policy does not stop it.
  await context.exposeBinding('__reportCsp', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (text: string) => void }).__reportCsp(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} on ${location.pathname}`,
      );
    });
  });
  context.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  return { context, violations };
}

async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(base + path, { waitUntil: 'networkidle' });
  expect(response?.headers()['content-security-policy'], path).toContain("script-src 'self'");
  // Lazy chunks and their styles settle after the first idle.
  await page.waitForTimeout(200);
}

const anonymousPages = [
  '/',
  '/co-quan',
  '/lich',
  '/dang-nhap',
  '/dang-ky',
  '/quen-mat-khau',
  '/dat-lai-mat-khau?token=x',
  '/thu-tuc/2.000488',
  '/tra-cuu',
  '/khong-co-trang-nay',
];

describe.skipIf(!hasChromium)('Content-Security-Policy in Chromium', () => {
  it('no page seen by a visitor violates it', async () => {
    const { context, violations } = await watchedContext();
    const page = await context.newPage();
    await withScreenshot(page, 'csp-anonymous', async () => {
      for (const path of [...anonymousPages, `/tra-cuu/${dossierCode}`, '/api/docs']) await visit(page, path);
      // swagger-ui drew the operations (its scripts ran).
      // The document is 1.6 MB (every answer spelled out): swagger-ui takes its time on a busy machine.
      await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
    });
    await context.close();
    expect(violations).toEqual([]);
  }, 180_000);

  it.each([
    ['087090001234', ['/ho-so-cua-toi', '/tai-khoan', '/nop-ho-so/2.000488']],
    ['tuphap.tiepnhan', ['/can-bo/ho-so', '/can-bo/tiep-nhan', 'DOSSIER']],
    [
      'admin',
      [
        '/quan-tri',
        '/quan-tri/co-quan',
        '/quan-tri/can-bo',
        '/quan-tri/thu-tuc',
        '/quan-tri/thu-tuc/moi',
        '/quan-tri/thu-tuc/2.000488',
        '/bang-dieu-khien',
        '/bao-cao',
        '/bao-cao/ho-so?agency=000.00.09.H20&from=2025-01-01&to=2025-12-31&cell=received.total',
      ],
    ],
  ])(
    'no page seen by %s violates it',
    async (username, paths) => {
      const { context, violations } = await watchedContext();
      const page = await context.newPage();
      await withScreenshot(page, `csp-${username}`, async () => {
        await logInAs(page, base, username, DEMO_PASSWORD);
        for (const path of paths)
          await visit(page, path === 'DOSSIER' ? `/can-bo/ho-so/${dossierCode}` : path);
      });
      await context.close();
      expect(violations).toEqual([]);
    },
    180_000,
  );

  it('is enforced: an inline script is refused and reported', async () => {
    const { context, violations } = await watchedContext();
    const page = await context.newPage();
    await visit(page, '/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.append(script);
    });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    expect(violations.join('\n')).toMatch(/script-src/);
    await context.close();
  });
});
