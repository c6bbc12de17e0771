import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildWeb, webBuildNeeded } from '../../src/server/web.ts';
import { testApp, type TestApp } from '../support/app.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface BrowserApp {
  t: TestApp;
  /** The server's address, e.g. `http://127.0.0.1:41234`. */
  base: string;
  browser: Browser;
}

/**
 * What every browser test file starts with: the web app built if its sources are newer, a server on a fresh
 * database (`env` over the test defaults; logins are not rate-limited unless the file says so) and Chromium.
 */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  mkdirSync('test-results', { recursive: true });
  if (webBuildNeeded()) await buildWeb();
  const t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000', ...env });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, base, browser: await launch() };
}

export async function stopBrowserApp(app: Partial<BrowserApp>): Promise<void> {
  await app.browser?.close();
  await app.t?.close();
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 AA rules; serious and critical violations fail the test. */
export async function expectAccessible(page: Page): Promise<void> {
  // Colours are judged as they end up: a dialog or menu still fading in reads as low contrast.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
      timeout: 3_000,
    })
    .catch(() => undefined);
  // Evaluated through the DevTools protocol, not added as an inline <script>, which the site's CSP refuses.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(bad, bad.join('\n')).toEqual([]);
}

/** Saves a screenshot beside the test results when a journey fails, then rethrows. */
export async function withScreenshot<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Console errors and uncaught exceptions of a page, to assert none happened. Chromium logs every API
 * answer with a 4xx status ("Failed to load resource"); those are answers the page shows the user (a
 * visitor's 401 from /api/v1/me, a refused field), not faults of the page, so they are left out.
 */
export function watchConsole(page: Page): { errors: () => string[] } {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url;
    if (
      /Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) &&
      url.includes('/api/')
    )
      return;
    seen.push(`${m.text()} @ ${url}`);
  });
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
  return { errors: () => [...seen] };
}

/**
 * Logs in through the login page and waits for the greeting in the header (present, not necessarily shown: on
 * a phone it is in the closed menu).
 */
export async function logInAs(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base + '/dang-nhap', { waitUntil: 'networkidle' });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor({ state: 'attached' });
}

/** The page is no wider than the viewport (no horizontal scrolling on phones). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A small valid PDF (one empty page) and a 1×1 PNG, for uploads. */
export function samplePdf(text = 'motcua'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>`,
    `<< /Length ${`BT /F1 12 Tf 20 100 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 20 100 Td (${text}) Tj ET\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const samplePng = (): Buffer =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );
