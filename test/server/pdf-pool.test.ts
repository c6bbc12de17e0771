import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const LLTP = '2.000488';

let t: TestApp;
let desk: Session;
beforeAll(async () => {
  // One thread and one place in the queue: the third print arriving together with others is refused.
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000', PDF_THREADS: '1', PDF_QUEUE: '1' });
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
});
afterAll(() => t.close());

describe('the PDF pool', () => {
  it('refuses prints beyond its queue with 503 PRINT_BUSY and Retry-After, and serves the others', async () => {
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Lê Thị Hồng Nhung', personalId: '087190009999', phone: '0909123456' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { code } = created.json<{ code: string }>();
    const received = await as(t.app, desk)('POST', `/api/v1/dossiers/${code}/actions/receive`, {
      provided: [0, 1],
    });
    expect(received.statusCode, received.body).toBe(200);

    const prints = await Promise.all(
      Array.from({ length: 8 }, () => as(t.app, desk)('GET', `/api/v1/dossiers/${code}/forms/01.pdf`)),
    );
    const ok = prints.filter((r) => r.statusCode === 200);
    const busy = prints.filter((r) => r.statusCode === 503);
    expect(ok.length + busy.length).toBe(prints.length);
    // The thread was starting while they came: one rendering and one waiting at most.
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(2);
    for (const r of ok) expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const r of busy) {
      expect(errorOf(r).code).toBe('PRINT_BUSY');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }

    // Once the queue has drained, printing works again.
    const later = await as(t.app, desk)('GET', `/api/v1/dossiers/${code}/forms/01.pdf`);
    expect(later.statusCode).toBe(200);
  });
});
