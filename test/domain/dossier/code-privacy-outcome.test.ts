import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  dossierStanding,
  formatDossierCode,
  maskName,
  parseDossierCode,
  trackingView,
  vnDateOf,
} from '../../../src/domain/dossier/index.ts';
import { MINUTE, at, calendar, run, statusPaths } from './helpers.ts';

describe('dossier code', () => {
  it('formats <agency>-<YYMMDD>-<NNNN>, more digits past 9999', () => {
    expect(formatDossierCode('000.00.12.H18', '2023-06-15', 1)).toBe('000.00.12.H18-230615-0001');
    expect(formatDossierCode('000.00.00.H56', '2026-01-09', 9999)).toBe('000.00.00.H56-260109-9999');
    expect(formatDossierCode('000.00.00.H56', '2026-01-09', 10000)).toBe('000.00.00.H56-260109-10000');
    expect(() => formatDossierCode('00.00.12.H18', '2023-06-15', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H18', '2023-02-29', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H18', '1999-12-31', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H18', '2023-06-15', 0)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H18', '2023-06-15', 1.5)).toThrow(RangeError);
  });

  it('parses only canonical codes', () => {
    expect(parseDossierCode('000.00.12.H18-230615-0001')).toEqual({
      ok: true,
      value: { agencyCode: '000.00.12.H18', date: '2023-06-15', counter: 1 },
    });
    expect(parseDossierCode('000.00.12.H18-240229-12345')).toEqual({
      ok: true,
      value: { agencyCode: '000.00.12.H18', date: '2024-02-29', counter: 12345 },
    });
    expect(parseDossierCode('000.00.12.H18-230229-0001')).toEqual({ ok: false, reason: 'date' });
    expect(parseDossierCode('000.00.12.H18-231315-0001')).toEqual({ ok: false, reason: 'date' });
    expect(parseDossierCode('000.00.12.h18-230615-0001')).toEqual({ ok: false, reason: 'agency_code' });
    expect(parseDossierCode('000.00.12.H18-230615-001')).toEqual({ ok: false, reason: 'counter' });
    expect(parseDossierCode('000.00.12.H18-230615-0000')).toEqual({ ok: false, reason: 'counter' });
    expect(parseDossierCode('000.00.12.H18-230615-01234')).toEqual({ ok: false, reason: 'counter' });
    expect(parseDossierCode('000.00.12.H18-2306150001')).toEqual({ ok: false, reason: 'format' });
    expect(parseDossierCode('')).toEqual({ ok: false, reason: 'format' });
  });

  it('round-trips', () => {
    const agency = fc
      .tuple(fc.nat(999), fc.nat(99), fc.nat(99), fc.constantFrom('A', 'G', 'H', 'K'), fc.nat(99))
      .map(
        ([a, b, c, l, d]) =>
          `${String(a).padStart(3, '0')}.${String(b).padStart(2, '0')}.${String(c).padStart(2, '0')}.${l}${String(d).padStart(2, '0')}`,
      );
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const counter = fc.oneof(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(agency, date, counter, (agencyCode, day, n) => {
        const code = formatDossierCode(agencyCode, day, n);
        expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/);
        expect(parseDossierCode(code)).toEqual({ ok: true, value: { agencyCode, date: day, counter: n } });
      }),
    );
  });

  it('dates an instant in Vietnam, whatever the process time zone', () => {
    expect(vnDateOf(at('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(vnDateOf(at('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(vnDateOf(at('2025-12-31T23:30:00+07:00'))).toBe('2025-12-31');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (t) => {
        expect(vnDateOf(t)).toBe(new Date(t + 7 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
  });
});

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

describe('maskName', () => {
  it('keeps only the initials, not even the family name', () => {
    expect(maskName('Nguyễn Văn An')).toBe('N. V. A.');
    expect(maskName('Trần Thị Bích Ngọc')).toBe('T. T. B. N.');
    expect(maskName('  Lê   Đức  ')).toBe('L. Đ.');
    expect(maskName('Ánh')).toBe('Á.');
    expect(maskName('')).toBe('');
  });

  it('counts letters, not UTF-16 units or combining marks', () => {
    const decomposed = 'Ẩn Văn Nguyễn'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan('Ẩn Văn Nguyễn'.length);
    expect(maskName(decomposed)).toBe('Ẩ. V. N.');
    expect(maskName('𠀀𠀁 Phạm')).toBe('𠀀. P.'); // characters outside the BMP
  });

  it('never shows more than one letter per word, nor how long a word is', () => {
    const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((w) => !/\s/u.test(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        const masked = maskName(words.join(' ')).split(' ');
        expect(masked).toHaveLength(words.length);
        words.forEach((word, i) => {
          const letters = [...segmenter.segment(word.normalize('NFC'))].map((g) => g.segment);
          expect(masked[i]).toBe(`${letters[0]!}.`);
        });
      }),
    );
  });
});

describe('trackingView', () => {
  const view = {
    code: '000.00.12.H18-260302-0001',
    status: 'processing',
    applicant: {
      userId: 'citizen-1',
      name: 'Nguyễn Văn An',
      phone: '0912 345 678',
      personalId: '001099012345',
      email: 'an@example.vn',
      address: 'Hà Nội',
    },
  };

  it('strips personal data and masks the name for anyone else', () => {
    expect(trackingView(view, {})).toEqual({
      code: view.code,
      status: 'processing',
      applicant: { name: 'N. V. A.' },
      personalData: false,
    });
    for (const lastFour of ['1234', '678', '5678x', '', '45678']) {
      expect(trackingView(view, { lastFour, userId: 'citizen-2' }).personalData).toBe(false);
    }
  });

  it('shows it to the applicant and to who proves the last four digits of the phone or ID', () => {
    expect(trackingView(view, { userId: 'citizen-1' })).toEqual({ ...view, personalData: true });
    expect(trackingView(view, { lastFour: '5678' }).personalData).toBe(true);
    expect(trackingView(view, { lastFour: ' 2345 ' }).personalData).toBe(true);
    const noAccount = { ...view, applicant: { ...view.applicant, userId: null } };
    expect(trackingView(noAccount, { userId: null }).personalData).toBe(false);
  });
});

describe('dossierStanding', () => {
  it('classifies a finished dossier early, on time or late', () => {
    const resolved = run(statusPaths.resolved!);
    expect(dossierStanding(resolved.state, resolved.now, calendar)).toEqual({
      kind: 'finished',
      outcome: 'early',
      finishedAt: resolved.state.resolvedAt,
      dueAt: at('2026-03-16T08:20:00+07:00'),
    });
    const onTime = run(
      [
        { action: 'approve', actor: 'approver' },
        { action: 'issue', actor: 'clerk', after: 14 * 24 * 60 - 30 },
      ],
      run(statusPaths.processing!),
    );
    expect(onTime.state.resolvedAt).toBe(at('2026-03-16T08:20:00+07:00'));
    expect(dossierStanding(onTime.state, onTime.now, calendar)).toMatchObject({
      kind: 'finished',
      outcome: 'on_time',
    });
    const late = run(
      [
        { action: 'approve', actor: 'approver' },
        { action: 'issue', actor: 'clerk', after: 15 * 24 * 60 },
      ],
      run(statusPaths.processing!),
    );
    expect(dossierStanding(late.state, late.now, calendar)).toMatchObject({
      kind: 'finished',
      outcome: 'late',
    });
  });

  it('counts a rescheduled dossier late even when finished before the new appointment', () => {
    const r = run(statusPaths.processing!);
    const done = run(
      [
        {
          action: 'apologize',
          actor: 'approver',
          input: { reason: 'x', newDueAt: at('2026-03-20T10:00:00+07:00') },
        },
        { action: 'approve', actor: 'approver' },
        { action: 'issue', actor: 'clerk' },
      ],
      r,
    );
    expect(dossierStanding(done.state, done.now, calendar)).toMatchObject({
      kind: 'finished',
      outcome: 'late',
    });
  });

  it('tells an open dossier within deadline or overdue, with working minutes left', () => {
    const { state } = run(statusPaths.processing!);
    expect(dossierStanding(state, at('2026-03-13T17:00:00+07:00'), calendar)).toEqual({
      kind: 'open',
      standing: 'within_deadline',
      dueAt: at('2026-03-16T08:20:00+07:00'),
      remainingWorkingMinutes: 80,
      paused: false,
    });
    expect(dossierStanding(state, at('2026-03-16T09:20:00+07:00'), calendar)).toMatchObject({
      standing: 'overdue',
      remainingWorkingMinutes: -60,
    });
  });

  it('freezes the standing of a paused dossier at the pause', () => {
    const r = run([...statusPaths.processing!, { action: 'request_supplement', actor: 'handler' }]);
    const later = dossierStanding(r.state, at('2026-04-30T10:00:00+07:00'), calendar);
    expect(later).toMatchObject({ kind: 'open', standing: 'within_deadline', paused: true });
    expect(later).toEqual(dossierStanding(r.state, r.now + MINUTE, calendar));
  });

  it('sets apart dossiers not received, refused, withdrawn and stopped', () => {
    const standing = (path: string, extra: Parameters<typeof run>[0] = []) => {
      const r = run([...statusPaths[path]!, ...extra]);
      return dossierStanding(r.state, r.now, calendar).kind;
    };
    expect(standing('submitted')).toBe('not_received');
    expect(standing('supplement_requested_at_intake')).toBe('not_received');
    expect(standing('refused')).toBe('refused');
    expect(standing('stopped')).toBe('withdrawn');
    expect(standing('processing', [{ action: 'stop', actor: 'approver' }])).toBe('stopped');
  });
});
