import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatVnIso, parseIsoInstant, parseIsoInstantOrThrow } from '../../../src/domain/calendar/index.ts';
import { errorOf } from './helpers.ts';

describe('formatVnIso', () => {
  it('writes Vietnam time with +07:00', () => {
    expect(formatVnIso(Date.UTC(2026, 1, 27, 9, 0, 0))).toBe('2026-02-27T16:00:00+07:00');
    expect(formatVnIso(Date.UTC(2026, 1, 26, 17, 0, 0))).toBe('2026-02-27T00:00:00+07:00');
    expect(formatVnIso(Date.UTC(1999, 11, 31, 16, 59, 59, 7))).toBe('1999-12-31T23:59:59.007+07:00');
    expect(errorOf(() => formatVnIso(Number.POSITIVE_INFINITY)).code).toBe('invalid_instant');
  });
});

describe('parseIsoInstant', () => {
  it('reads instants with an explicit offset or Z', () => {
    expect(parseIsoInstant('2026-02-27T16:00:00+07:00')).toEqual({
      ok: true,
      value: Date.UTC(2026, 1, 27, 9),
    });
    expect(parseIsoInstant('2026-02-27T09:00Z')).toEqual({ ok: true, value: Date.UTC(2026, 1, 27, 9) });
    expect(parseIsoInstant('2026-02-27T04:00:00.5-05:00')).toEqual({
      ok: true,
      value: Date.UTC(2026, 1, 27, 9, 0, 0, 500),
    });
    expect(parseIsoInstant('2026-02-27T09:00:00.123456789Z')).toEqual({
      ok: true,
      value: Date.UTC(2026, 1, 27, 9, 0, 0, 123),
    });
    expect(parseIsoInstantOrThrow('2024-02-29T00:00:00+07:00')).toBe(Date.UTC(2024, 1, 28, 17));
  });

  it('refuses local times, loose formats and impossible values with typed errors', () => {
    const code = (text: string): string => {
      const result = parseIsoInstant(text);
      if (result.ok) throw new Error(`accepted ${text}`);
      expect(result.error.field).toBe('instant');
      return result.error.code;
    };
    expect(code('2026-02-27T16:00:00')).toBe('missing_offset');
    expect(code('2026-02-27 16:00:00+07:00')).toBe('invalid_iso_format');
    expect(code('2026-02-27t16:00:00z')).toBe('invalid_iso_format');
    expect(code('2026-02-27')).toBe('invalid_iso_format');
    expect(code('20260227T160000+0700')).toBe('invalid_iso_format');
    expect(code('2026-02-27T16:00:00+7:00')).toBe('invalid_iso_format');
    expect(code('2026-02-29T16:00:00+07:00')).toBe('invalid_iso_value');
    expect(code('2026-13-01T16:00:00+07:00')).toBe('invalid_iso_value');
    expect(code('2026-02-27T24:00:00+07:00')).toBe('invalid_iso_value');
    expect(code('2026-02-27T16:60:00+07:00')).toBe('invalid_iso_value');
    expect(code('2026-02-27T16:00:60+07:00')).toBe('invalid_iso_value');
    expect(code('2026-02-27T16:00:00+24:00')).toBe('invalid_iso_value');
    expect(errorOf(() => parseIsoInstantOrThrow('yesterday')).code).toBe('invalid_iso_format');
  });

  it('agrees with the platform parser and round-trips with formatVnIso', () => {
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 30) });
    fc.assert(
      fc.property(instant, (ms) => {
        const text = formatVnIso(ms);
        expect(parseIsoInstantOrThrow(text)).toBe(ms);
        expect(Date.parse(text)).toBe(ms);
        const utc = new Date(ms).toISOString();
        expect(parseIsoInstantOrThrow(utc)).toBe(ms);
      }),
      { numRuns: 1000 },
    );
  });
});
