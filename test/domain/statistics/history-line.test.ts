import { describe, expect, it } from 'vitest';
import {
  conflictIssue,
  duplicateIssue,
  formatInstant,
  parseHistoryLine,
  parseInstant,
  placeholderAgency,
  provinceOf,
  type LineIssue,
} from '../../../src/domain/statistics/history-line.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const good = {
  code: '000.00.12.H18-230102-0001',
  agency: '000.00.12.H18',
  procedure: '1.001234',
  channel: 'online',
  receivedAt: '2023-01-02T08:15:00+07:00',
  dueAt: '2023-01-09T08:15:00+07:00',
  finishedAt: '2023-01-06T10:00:00+07:00',
  returnedAt: '2023-01-06T14:00:00+07:00',
  outcome: 'resolved',
  supplementRequests: 0,
  paidOnline: false,
  applicant: { name: 'Nguyễn Văn A' },
};

const parse = (o: Record<string, unknown>, line = 7) => parseHistoryLine(JSON.stringify(o), line, NOW);
const issuesOf = (o: Record<string, unknown>): LineIssue[] => {
  const r = parse(o);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
};
const fieldsAndCodes = (o: Record<string, unknown>) => issuesOf(o).map((i) => [i.field, i.code]);

describe('parseInstant', () => {
  it('reads offsets, Z, fractions and the space separator', () => {
    const at = (s: string) => {
      const r = parseInstant(s);
      return r.ok ? r.us : r.code;
    };
    expect(at('2023-01-02T08:15:00+07:00')).toBe(Date.parse('2023-01-02T01:15:00Z') * 1000);
    expect(at('2023-01-02T01:15:00Z')).toBe(Date.parse('2023-01-02T01:15:00Z') * 1000);
    expect(at('2023-01-02 08:15+0700')).toBe(Date.parse('2023-01-02T01:15:00Z') * 1000);
    expect(at('2023-01-01T20:00:00-05:30')).toBe(Date.parse('2023-01-02T01:30:00Z') * 1000);
    expect(at('2023-01-02T01:15:00.123456Z')).toBe(Date.parse('2023-01-02T01:15:00.123Z') * 1000 + 456);
    expect(at('2023-01-02T01:15:00.5Z')).toBe(Date.parse('2023-01-02T01:15:00.500Z') * 1000);
  });

  it('refuses instants without an offset, impossible dates and other shapes', () => {
    const code = (s: string) => {
      const r = parseInstant(s);
      return r.ok ? 'ok' : r.code;
    };
    expect(code('2023-01-02T08:15:00')).toBe('TIMESTAMP_OFFSET_REQUIRED');
    expect(code('2023-01-02 08:15')).toBe('TIMESTAMP_OFFSET_REQUIRED');
    expect(code('2023-02-29T08:15:00+07:00')).toBe('INVALID_TIMESTAMP');
    expect(code('2024-02-29T08:15:00+07:00')).toBe('ok');
    expect(code('2023-13-01T08:15:00+07:00')).toBe('INVALID_TIMESTAMP');
    expect(code('2023-01-01T24:00:00+07:00')).toBe('INVALID_TIMESTAMP');
    expect(code('2023-01-01T23:60:00+07:00')).toBe('INVALID_TIMESTAMP');
    expect(code('2023-01-01T08:00:00+15:00')).toBe('INVALID_TIMESTAMP');
    expect(code('2023-01-02')).toBe('INVALID_TIMESTAMP');
    expect(code('02/01/2023 08:15')).toBe('INVALID_TIMESTAMP');
    expect(code('2023-01-02T08:15:00.1234567Z')).toBe('INVALID_TIMESTAMP');
    expect(code('')).toBe('INVALID_TIMESTAMP');
  });

  it('formats back in UTC, with microseconds only when there are some', () => {
    for (const s of ['2023-01-02T01:15:00.000Z', '2023-01-02T01:15:00.123456Z', '1999-12-31T23:59:59.999Z']) {
      const r = parseInstant(s);
      expect(r.ok && formatInstant(r.us)).toBe(s);
    }
    const r = parseInstant('2023-01-02T08:15:00.000001+07:00');
    expect(r.ok && formatInstant(r.us)).toBe('2023-01-02T01:15:00.000001Z');
  });
});

describe('parseHistoryLine', () => {
  it('reads the example line of the issue', () => {
    const r = parse(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      code: good.code,
      agency: good.agency,
      procedure: good.procedure,
      channel: 'online',
      receivedAt: Date.parse('2023-01-02T01:15:00Z') * 1000,
      dueAt: Date.parse('2023-01-09T01:15:00Z') * 1000,
      finishedAt: Date.parse('2023-01-06T03:00:00Z') * 1000,
      returnedAt: Date.parse('2023-01-06T07:00:00Z') * 1000,
      outcome: 'resolved',
      supplementRequests: 0,
      paidOnline: false,
      applicantName: 'Nguyễn Văn A',
    });
  });

  it('takes defaults for the optional fields and old procedure codes', () => {
    const r = parse({
      code: 'HS-1',
      agency: '000.00.12.H18',
      procedure: 'T-DTH-287483-TT',
      channel: 'postal',
      receivedAt: '2017-03-01T08:00:00Z',
      outcome: 'open',
    });
    expect(r.ok && r.value).toMatchObject({
      dueAt: null,
      finishedAt: null,
      returnedAt: null,
      supplementRequests: 0,
      paidOnline: false,
      applicantName: null,
    });
  });

  it('reports every problem of a line with its field', () => {
    const issues = issuesOf({
      code: 'has space',
      agency: '12.H18',
      procedure: '1.001234',
      channel: 'fax',
      receivedAt: '2023-01-02T08:15:00',
      dueAt: '2023-01-09T08:15:00+07:00',
      outcome: 'lost',
      supplementRequests: -1,
      paidOnline: 'yes',
      applicant: { name: 'A', phone: '0912345678' },
      extra: 1,
    });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['extra', 'UNKNOWN_FIELD'],
      ['code', 'VALIDATION_FAILED'],
      ['agency', 'INVALID_AGENCY_CODE'],
      ['channel', 'VALIDATION_FAILED'],
      ['outcome', 'VALIDATION_FAILED'],
      ['receivedAt', 'TIMESTAMP_OFFSET_REQUIRED'],
      ['supplementRequests', 'VALIDATION_FAILED'],
      ['paidOnline', 'VALIDATION_FAILED'],
      ['applicant/phone', 'UNKNOWN_FIELD'],
    ]);
    for (const i of issues) {
      expect(i.line).toBe(7);
      expect(i.message.length).toBeGreaterThan(5);
      expect(i.message_en.length).toBeGreaterThan(5);
    }
    expect(issues.find((i) => i.field === 'channel')!.message_en).toContain('"fax"');
  });

  it('checks the order of the instants', () => {
    expect(fieldsAndCodes({ ...good, finishedAt: '2023-01-02T08:14:59+07:00' })).toEqual([
      ['finishedAt', 'DATES_OUT_OF_ORDER'],
    ]);
    expect(fieldsAndCodes({ ...good, returnedAt: '2023-01-06T09:59:00+07:00' })).toEqual([
      ['returnedAt', 'DATES_OUT_OF_ORDER'],
    ]);
    expect(fieldsAndCodes({ ...good, dueAt: '2023-01-01T08:15:00+07:00' })).toEqual([
      ['dueAt', 'DATES_OUT_OF_ORDER'],
    ]);
    // The same instant written in another offset is not before.
    expect(parse({ ...good, finishedAt: '2023-01-02T01:15:00Z', returnedAt: null }).ok).toBe(true);
  });

  it('ties finishedAt to the outcome', () => {
    expect(fieldsAndCodes({ ...good, outcome: 'open' })).toEqual([
      ['finishedAt', 'VALIDATION_FAILED'],
      ['returnedAt', 'VALIDATION_FAILED'],
    ]);
    expect(parse({ ...good, outcome: 'open', finishedAt: null, returnedAt: null }).ok).toBe(true);
    for (const outcome of ['resolved', 'refused', 'withdrawn', 'stopped'])
      expect(fieldsAndCodes({ ...good, outcome, finishedAt: null, returnedAt: null })).toEqual([
        ['finishedAt', 'REQUIRED_FIELD'],
      ]);
  });

  it('refuses missing fields, wrong types, the future and implausible years', () => {
    expect(fieldsAndCodes({ outcome: 'open' })).toEqual([
      ['code', 'REQUIRED_FIELD'],
      ['agency', 'REQUIRED_FIELD'],
      ['procedure', 'REQUIRED_FIELD'],
      ['channel', 'REQUIRED_FIELD'],
      ['receivedAt', 'REQUIRED_FIELD'],
    ]);
    expect(fieldsAndCodes({ ...good, code: 12 })).toEqual([['code', 'VALIDATION_FAILED']]);
    expect(fieldsAndCodes({ ...good, receivedAt: 1672622100000 })).toEqual([
      ['receivedAt', 'INVALID_TIMESTAMP'],
    ]);
    expect(fieldsAndCodes({ ...good, finishedAt: '2026-02-01T08:00:00+07:00', returnedAt: null })).toEqual([
      ['finishedAt', 'INVALID_TIMESTAMP'],
    ]);
    // A due time in the future is normal for an open dossier.
    expect(
      parse({ ...good, outcome: 'open', finishedAt: null, returnedAt: null, dueAt: '2026-03-01T08:00:00Z' })
        .ok,
    ).toBe(true);
    expect(fieldsAndCodes({ ...good, receivedAt: '1989-12-31T08:00:00+07:00' })).toEqual([
      ['receivedAt', 'INVALID_TIMESTAMP'],
    ]);
    expect(fieldsAndCodes({ ...good, procedure: '1.001 234' })).toEqual([['procedure', 'VALIDATION_FAILED']]);
    expect(fieldsAndCodes({ ...good, applicant: 'Nguyễn Văn A' })).toEqual([
      ['applicant', 'VALIDATION_FAILED'],
    ]);
  });

  it('refuses lines that are not JSON objects', () => {
    for (const text of ['{', '[1,2]', '"text"', 'null', '42', '{"code":"A",}']) {
      const r = parseHistoryLine(text, 3, NOW);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.issues).toEqual([
          expect.objectContaining({ line: 3, field: null, code: 'INVALID_JSON_LINE' }),
        ]);
    }
  });
});

describe('issues and placeholders', () => {
  it('names the other line of a duplicate and the field of a conflict', () => {
    expect(duplicateIssue(9, 'X-1', 4)).toMatchObject({ line: 9, field: 'code', code: 'DUPLICATE_IN_FILE' });
    expect(duplicateIssue(9, 'X-1', 4).message_en).toContain('line 4');
    expect(conflictIssue(5, 'X-1', 'finishedAt')).toMatchObject({
      line: 5,
      field: 'finishedAt',
      code: 'HISTORY_CONFLICT',
    });
  });

  it('derives the level of a placeholder agency from its identifier', () => {
    expect(placeholderAgency('000.00.00.H18')).toEqual({
      name: 'Cơ quan chưa xác định (000.00.00.H18)',
      level: 'province',
    });
    expect(placeholderAgency('000.00.12.H18').level).toBe('department');
    expect(placeholderAgency('000.21.31.H20').level).toBe('commune');
    expect(placeholderAgency('001.00.12.H20').level).toBe('commune');
    expect(provinceOf('000.00.12.H18')).toBe('H18');
  });
});
