import { describe, expect, it } from 'vitest';
import {
  catalogFigures,
  hasFee,
  payableOnline,
  type CatalogProcedureRow,
} from '../../../src/domain/statistics/catalog-metrics.ts';
import {
  bandOf,
  emptySums,
  satisfactionBands,
  satisfactionFigures,
} from '../../../src/domain/statistics/satisfaction.ts';
import {
  indicatorGroups,
  indicators,
  pointsFor,
  scoreServiceIndex,
  type MeasuredIndicator,
  type ServiceIndexCounts,
} from '../../../src/domain/statistics/service-index.ts';
import { percentText, share } from '../../../src/domain/statistics/shares.ts';

const r = (numerator: number, denominator: number) => ({ numerator, denominator });

/** The counts of the integration fixture (test/server/reports.test.ts), worked by hand there too. */
const counts: ServiceIndexCounts = {
  onTime: r(7, 9),
  onlineDossiers: r(3, 9),
  fullOnlineProcedures: r(2, 6),
  onlinePaymentProcedures: r(2, 5),
  proceduresWithOnlinePayment: r(1, 5),
  dossiersPaidOnline: r(2, 8),
  electronicResults: r(1, 2),
  digitizedDossiers: r(1, 3),
  notSatisfied: r(1, 2),
};

describe('the QĐ 766 indicator table', () => {
  it('adds up to 100 points in five groups of 18, 20, 22, 22 and 18', () => {
    expect(indicators.reduce((sum, i) => sum + i.maxPoints, 0)).toBe(100);
    for (const g of indicatorGroups) {
      const mine = indicators.filter((i) => i.group === g.id);
      expect(
        mine.reduce((sum, i) => sum + i.maxPoints, 0),
        g.id,
      ).toBe(g.maxPoints);
    }
    expect(indicatorGroups.map((g) => g.maxPoints)).toEqual([18, 20, 22, 22, 18]);
    expect(new Set(indicators.map((i) => i.no)).size).toBe(indicators.length);
  });

  it('gives every indicator its formula in both languages and a threshold in (0, 1]', () => {
    for (const i of indicators) {
      expect(i.rate.vi.length, i.key).toBeGreaterThan(10);
      expect(i.rate.en.length, i.key).toBeGreaterThan(10);
      expect(i.threshold).toBeGreaterThan(0);
      expect(i.threshold).toBeLessThanOrEqual(1);
    }
    expect(indicators.find((i) => i.key === 'online_dossiers')!.threshold).toBe(0.5);
    expect(indicators.find((i) => i.key === 'digitized_dossiers')!.threshold).toBe(0.8);
    expect(indicators.find((i) => i.key === 'resolution_satisfaction')!.threshold).toBe(0.9);
  });
});

describe('scoring', () => {
  it('is min(1, rate ÷ threshold) × points, two decimals, never below zero', () => {
    expect(pointsFor({ maxPoints: 6, threshold: 0.5 }, 0.5)).toBe(6);
    expect(pointsFor({ maxPoints: 6, threshold: 0.5 }, 0.9)).toBe(6);
    expect(pointsFor({ maxPoints: 6, threshold: 0.5 }, 0.25)).toBe(3);
    expect(pointsFor({ maxPoints: 20, threshold: 1 }, 7 / 9)).toBe(15.56);
    expect(pointsFor({ maxPoints: 4, threshold: 0.8 }, 1 / 3)).toBe(1.67);
    expect(pointsFor({ maxPoints: 6, threshold: 0.9 }, -0.2)).toBe(0);
  });

  it('scores the fixture as worked by hand', () => {
    const score = scoreServiceIndex(counts);
    const points = Object.fromEntries(
      score.indicators.filter((i): i is MeasuredIndicator => i.status === 'ok').map((i) => [i.no, i.points]),
    );
    expect(points).toEqual({
      '2.1': 15.56, // 7/9 × 20
      '3.1': 4, // (3/9 ÷ 50%) × 6
      '3.2': 2.5, // (2/6 ÷ 80%) × 6
      '3.3': 1, // (2/5 ÷ 80%) × 2
      '3.4': 0.4, // 1/5 × 2
      '3.5': 1.5, // 2/8 × 6
      '4.1': 3, // 1/2 × 6
      '4.2': 1.67, // (1/3 ÷ 80%) × 4
      '5.3': 1.85, // ((1 − 2/9 − 1/2) ÷ 90%) × 6
    });
    const satisfaction = score.indicators.find((i) => i.no === '5.3') as MeasuredIndicator;
    expect(satisfaction.rate).toBe(0.2778);
    expect(satisfaction.parts).toEqual({
      lateRate: 0.2222,
      notSatisfiedShare: 0.5,
      ratings: 2,
      notSatisfied: 1,
    });
    expect(score.groups.map((g) => [g.id, g.points, g.availablePoints])).toEqual([
      ['transparency', 0, 0],
      ['progress', 15.56, 20],
      ['online', 9.4, 22],
      ['digitization', 4.67, 10],
      ['satisfaction', 1.85, 6],
    ]);
    expect(score.totals).toEqual({
      points: 31.48,
      maxPoints: 100,
      availablePoints: 58,
      shareOfAvailable: 0.5428,
      measured: 9,
      noData: 11,
    });
  });

  it('shows what the system cannot know as no_data, never as zero or full marks', () => {
    const score = scoreServiceIndex(counts);
    const noData = score.indicators.filter((i) => i.status === 'no_data');
    expect(noData.map((i) => i.no)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '4.3',
      '4.4',
      '4.5',
      '4.6',
      '4.7',
      '5.1',
      '5.2',
    ]);
    for (const i of noData) {
      expect(i).not.toHaveProperty('points');
      expect(i).not.toHaveProperty('rate');
      expect(i.status === 'no_data' && i.reason).toBe('not_tracked');
      expect(i.status === 'no_data' && i.note.vi.length).toBeGreaterThan(10);
    }
  });

  it('makes an indicator with nothing to divide by no_data, and full rates full marks', () => {
    const none = scoreServiceIndex({
      ...counts,
      onTime: r(0, 0),
      notSatisfied: r(0, 0),
      electronicResults: r(0, 0),
      onlineDossiers: r(9, 9),
    });
    const byNo = new Map(none.indicators.map((i) => [i.no, i]));
    expect(byNo.get('2.1')).toMatchObject({ status: 'no_data', reason: 'nothing_to_measure' });
    expect(byNo.get('5.3')).toMatchObject({ status: 'no_data', reason: 'nothing_to_measure' });
    expect(byNo.get('4.1')).toMatchObject({ status: 'no_data', reason: 'nothing_to_measure' });
    expect(byNo.get('3.1')).toMatchObject({ status: 'ok', rate: 1, points: 6 });
    expect(none.totals.availablePoints).toBe(58 - 20 - 6 - 6);
  });

  it('counts a satisfaction rate below zero as zero points', () => {
    const bad = scoreServiceIndex({ ...counts, onTime: r(1, 2), notSatisfied: r(3, 4) });
    expect(bad.indicators.find((i) => i.no === '5.3')).toMatchObject({ status: 'ok', rate: 0, points: 0 });
  });
});

describe('catalog rules', () => {
  it('takes any charged fee — a sum or a sum that is not fixed — as a fee, and "free" (0) as none', () => {
    expect(hasFee([])).toBe(false);
    expect(hasFee([{ amountVnd: 0 }])).toBe(false);
    expect(hasFee([{ amountVnd: 0 }, { amountVnd: 2000 }])).toBe(true);
    expect(hasFee([{ amountVnd: null }])).toBe(true);
  });

  it('derives online payment from full online service and a fee', () => {
    expect(payableOnline({ onlineLevel: 'full', hasFee: true })).toBe(true);
    expect(payableOnline({ onlineLevel: 'full', hasFee: false })).toBe(false);
    expect(payableOnline({ onlineLevel: 'partial', hasFee: true })).toBe(false);
  });

  it('reports the figures as a department writes them', () => {
    // Sở VHTTDL Đồng Tháp, first half of 2023 (domain.md section 9).
    const rows: CatalogProcedureRow[] = Array.from({ length: 118 }, (_, i) => ({
      procedureId: i + 1,
      code: `1.${String(i).padStart(6, '0')}`,
      name: `Thủ tục ${i}`,
      onlineLevel: i < 110 ? 'full' : 'partial',
      hasFee: i < 24 || (i >= 110 && i < 139),
      receivedOnline: i < 48 ? 1 : 0,
      received: i < 48 ? 3 : 0,
    }));
    const f = catalogFigures(rows);
    expect(f.implemented).toBe(118);
    expect(f.fullyOnline).toEqual({ count: 110, share: 0.9322, of: 118 });
    expect(f.fullyOnlineWithOnlineDossiers).toEqual({ count: 48, share: 0.4364, of: 110 });
    expect(f.withFees.count).toBe(32);
    expect(f.onlinePayment).toMatchObject({ count: 24, of: 32, share: 0.75, derived: true });
    expect(f.summary.vi[1]).toBe('110/118 TTHC cung cấp dịch vụ công trực tuyến toàn trình (93,22%).');
    expect(f.summary.en[1]).toBe('110 of 118 procedures offered fully online (93.22%).');
  });

  it('has no shares when there is nothing to divide by', () => {
    const f = catalogFigures([]);
    expect(f.fullyOnline).toEqual({ count: 0, share: null, of: 0 });
    expect(f.summary.vi[1]).toContain('(–)');
  });
});

describe('satisfaction bands', () => {
  it('cover 0–18 without gaps or overlaps', () => {
    for (let s = 0; s <= 18; s++)
      expect(
        satisfactionBands.filter((b) => s >= b.min && s <= b.max),
        String(s),
      ).toHaveLength(1);
    expect([18, 16, 15, 12, 11, 0].map(bandOf)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('turn sums into shares and averages', () => {
    const sums = emptySums();
    sums.count = 4;
    sums.quick = { very_satisfied: 2, satisfied: 1, not_satisfied: 1 };
    sums.scoreSum = 17 + 18 + 12 + 9;
    sums.criteriaSums.attitude = 7;
    sums.bands = { high: 2, medium: 1, low: 1 };
    const f = satisfactionFigures(sums);
    expect(f.quick.very_satisfied).toEqual({ count: 2, share: 0.5 });
    expect(f.averageScore).toBe(14);
    expect(f.averageShare).toBe(0.7778);
    expect(f.criteria.attitude).toBe(1.75);
    expect(f.bands.low).toEqual({ count: 1, share: 0.25 });
    expect(satisfactionFigures(emptySums()).averageScore).toBeNull();
  });
});

describe('shares', () => {
  it('round to four places and print with a decimal comma in Vietnamese', () => {
    expect(share(110, 118)).toBe(0.9322);
    expect(share(1, 0)).toBeNull();
    expect(percentText(0.9322)).toBe('93,22%');
    expect(percentText(0.9322, 'en')).toBe('93.22%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(null)).toBe('–');
  });
});
