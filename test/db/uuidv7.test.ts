import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/uuidv7.ts';

describe('uuidv7', () => {
  it('is a version 7, RFC 9562 variant UUID carrying its millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        const id = uuidv7(ms);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
      }),
    );
  });

  it('sorts by time, and differs within one millisecond', () => {
    const now = Date.UTC(2026, 11, 5, 10, 0, 0);
    const ids = [uuidv7(now), uuidv7(now + 1), uuidv7(now + 1000), uuidv7(now + 86_400_000)];
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 1000 }, () => uuidv7(now)));
    expect(same.size).toBe(1000);
  });
});
