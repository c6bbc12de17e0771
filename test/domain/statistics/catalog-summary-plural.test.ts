// Issue 14: "1 working days" and the like: English nouns agree with their number, in the catalog summary too.
import { describe, expect, it } from 'vitest';
import { catalogFigures } from '../../../src/domain/statistics/catalog-metrics.ts';

const row = (procedureId: number, hasFee: boolean) => ({
  procedureId,
  code: `1.00000${procedureId}`,
  name: `Thủ tục ${procedureId}`,
  onlineLevel: 'full' as const,
  hasFee,
  receivedOnline: 0,
  received: 0,
});

describe('catalog summary in English', () => {
  it('says "1 procedure" for one and "procedures" for several', () => {
    const one = catalogFigures([row(1, true)]).summary.en;
    expect(one[0]).toBe('1 procedure implemented.');
    expect(one[1]).toMatch(/^1 of 1 procedure offered fully online/);
    expect(one[3]).toMatch(/^1 procedure with fees;/);
    const two = catalogFigures([row(1, true), row(2, true)]).summary.en;
    expect(two[0]).toBe('2 procedures implemented.');
    expect(two[3]).toMatch(/^2 procedures with fees;/);
  });
});
