// Issue 14, "page weight": the web app's files go compressed at build time with the right caching, API answers
// above a threshold are compressed, and the header on a phone leaves room for the page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webDist } from '../../src/server/web.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/app.ts';
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

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ t, base, browser } = await startBrowserApp());
}, 120_000);
afterAll(() => stopBrowserApp({ t, browser }));

const CITIZEN = '087090001234';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body comes back as sent (fetch would decode it), with the Accept-Encoding given. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(base + url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/** The script index.html loads first (the home page's entry chunk). */
function entryScript(): string {
  const html = readFileSync(path.join(webDist, 'index.html'), 'utf8');
  return /<script type="module" crossorigin src="([^"]+)"/.exec(html)![1]!;
}

describe('the web app files', () => {
  it('are written compressed beside each script and stylesheet at build time', () => {
    const assets = readdirSync(path.join(webDist, 'assets'));
    const big = assets.filter(
      (f) => /\.(js|css)$/.test(f) && readFileSync(path.join(webDist, 'assets', f)).length > 4096,
    );
    expect(big.length).toBeGreaterThan(5);
    for (const f of big) {
      const raw = readFileSync(path.join(webDist, 'assets', f));
      const br = readFileSync(path.join(webDist, 'assets', `${f}.br`));
      const gz = readFileSync(path.join(webDist, 'assets', `${f}.gz`));
      expect(zlib.brotliDecompressSync(br).equals(raw), f).toBe(true);
      expect(zlib.gunzipSync(gz).equals(raw), f).toBe(true);
    }
  });

  it('come back as brotli to a browser, gzip to a client without brotli, plain to one without either; cached for a year', async () => {
    const script = entryScript();
    const raw = readFileSync(path.join(webDist, script));

    const br = await get(script, { 'accept-encoding': BROWSER_ENCODINGS });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(raw.length / 3);
    expect(zlib.brotliDecompressSync(br.body).equals(raw)).toBe(true);

    const gz = await get(script, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(raw)).toBe(true);

    const plain = await get(script);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('index.html and the page fallback are compressed, never cached without asking, and keep the CSP', async () => {
    const raw = readFileSync(path.join(webDist, 'index.html'));
    for (const url of ['/', '/thu-tuc/2.000488']) {
      const res = await get(url, { accept: 'text/html', 'accept-encoding': BROWSER_ENCODINGS });
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers.vary, url).toMatch(/accept-encoding/i);
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(zlib.brotliDecompressSync(res.body).equals(raw), url).toBe(true);
    }
  });

  it.runIf(hasChromium)(
    'reach Chromium as brotli (those under 1 KB as they are), and the home page works',
    async () => {
      const page = await browser.newPage();
      const console = watchConsole(page);
      const encodings = new Map<string, Promise<string | undefined>>();
      page.on('response', (r) => {
        const asset = new URL(r.url()).pathname;
        if (asset.startsWith('/assets/'))
          encodings.set(
            asset,
            r.allHeaders().then((h) => h['content-encoding']),
          );
      });
      await page.goto(base + '/', { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(encodings.size).toBeGreaterThan(2);
      let compressed = 0;
      for (const [asset, encoding] of encodings) {
        const built = existsSync(path.join(webDist, `${asset}.br`));
        expect(await encoding, asset).toBe(built ? 'br' : undefined);
        if (built) compressed++;
      }
      expect(compressed).toBeGreaterThan(2);
      expect(console.errors()).toEqual([]);
      await page.close();
    },
  );
});

describe('API answers', () => {
  it('a list above 1 KB is compressed as the client accepts; the same JSON either way', async () => {
    const url = '/api/v1/procedures?pageSize=50';
    const plain = await get(url);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await get(url, { 'accept-encoding': BROWSER_ENCODINGS });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(
      JSON.parse(plain.body.toString()),
    );

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('a small answer is sent as it is', async () => {
    const res = await get('/api/v1/procedures?q=zzqqxxnothing', { 'accept-encoding': BROWSER_ENCODINGS });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('a file that is compressed already (xlsx) is sent as it is, whole', async () => {
    const res = await get('/api/v1/catalog/template.xlsx', { 'accept-encoding': BROWSER_ENCODINGS });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.subarray(0, 2).toString()).toBe('PK');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });
});

describe('the public pages', () => {
  it.runIf(hasChromium)(
    'first loads ask the API nothing that answers 4xx, for a visitor and for a citizen',
    async () => {
      const pages = ['/', '/thu-tuc/2.000488', '/co-quan', '/lich', '/tra-cuu', '/dang-nhap'];
      for (const who of [null, CITIZEN]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        if (who) await logInAs(page, base, who, DEMO_PASSWORD);
        for (const url of pages) {
          const answers: string[] = [];
          const listen = (r: Response) => {
            if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(`${r.status()} ${r.url()}`);
          };
          page.on('response', listen);
          await page.goto(base + url, { waitUntil: 'networkidle' });
          page.off('response', listen);
          expect(answers.length, `${who} ${url}`).toBeGreaterThan(0);
          expect(
            answers.filter((a) => !/^[23]\d\d /.test(a)),
            `${who} ${url}: ${answers.join(', ')}`,
          ).toEqual([]);
        }
        await context.close();
      }
    },
  );

  it('the session answer names the logged-in user, and is null for a visitor', async () => {
    const visitor = await get('/api/v1/auth/session');
    expect(visitor.status).toBe(200);
    expect(JSON.parse(visitor.body.toString())).toEqual({ me: null });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: CITIZEN, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = /motcua_sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const res = await get('/api/v1/auth/session', { cookie, 'accept-encoding': BROWSER_ENCODINGS });
    expect(res.headers['content-encoding']).toBeUndefined();
    const { me } = JSON.parse(res.body.toString()) as { me: { username: string; csrfToken: string } };
    expect(me.username).toBe(CITIZEN);
    expect(me.csrfToken).toBe(((await login.json()) as { csrfToken: string }).csrfToken);
  });
});

describe('the header on a phone (360 × 740)', () => {
  it.runIf(hasChromium)(
    'takes one line, at most 15% of the screen; the menu opens from a button and closes on a choice',
    async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      const console = watchConsole(page);
      await withScreenshot(page, 'weight-mobile-header', async () => {
        await page.goto(base + '/', { waitUntil: 'networkidle' });
        const header = page.locator('header').first();
        const box = (await header.boundingBox())!;
        expect(box.height).toBeLessThanOrEqual(740 * 0.15);
        await expectNoHorizontalScroll(page);
        await page.screenshot({ path: '/tmp/weight-mobile-closed.png' });

        const nav = page.getByRole('navigation', { name: 'Menu' });
        await expect(nav.isVisible()).resolves.toBe(false);
        const burger = page.getByRole('button', { name: 'Trình đơn' });
        await expect(burger.getAttribute('aria-expanded')).resolves.toBe('false');
        await burger.click();
        await nav.waitFor();
        await expect(burger.getAttribute('aria-expanded')).resolves.toBe('true');
        await expectNoHorizontalScroll(page);
        await expectAccessible(page);
        await page.screenshot({ path: '/tmp/weight-mobile-open.png' });

        await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
        await page.waitForURL(/\/tra-cuu$/);
        await expect(nav.isVisible()).resolves.toBe(false);
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(740 * 0.15);
      });
      expect(console.errors()).toEqual([]);
      await page.close();
    },
  );

  it.runIf(hasChromium)(
    'a logged-in citizen finds their name and the log-out button in the menu',
    async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      await withScreenshot(page, 'weight-mobile-citizen', async () => {
        await logInAs(page, base, CITIZEN, DEMO_PASSWORD);
        await expect(page.getByTestId('who').isVisible()).resolves.toBe(false);
        const header = page.locator('header').first();
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(740 * 0.15);
        await page.getByRole('button', { name: 'Trình đơn' }).click();
        const nav = page.getByRole('navigation', { name: 'Menu' });
        await nav.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
        await page.getByTestId('who').waitFor();
        await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
        await expectNoHorizontalScroll(page);
        await page.screenshot({ path: '/tmp/weight-mobile-citizen.png' });
      });
      await page.close();
    },
  );

  it.runIf(hasChromium)('on a desktop screen the menu shows without a button', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Tra cứu hồ sơ' })
      .waitFor();
    await expect(page.getByRole('button', { name: 'Trình đơn' }).isVisible()).resolves.toBe(false);
    await page.screenshot({ path: '/tmp/weight-desktop.png' });
    await page.close();
  });
});
