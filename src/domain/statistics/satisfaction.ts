/**
 * The satisfaction report: applicants' ratings over a period (domain.md section 8) — quick rating shares,
 * the average of the nine criteria (0–2 each, 18 at most) and bands of the total score. Pure: the caller
 * passes sums the database computed with the band limits below.
 */
import { quickRatings, ratingCriteria, type QuickRating, type RatingCriterion } from '../dossier/model.ts';
import { share } from './shares.ts';

interface Text {
  vi: string;
  en: string;
}

export const MAX_SCORE = 2 * ratingCriteria.length;

export const quickRatingNames = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  not_satisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
} as const satisfies Record<QuickRating, Text>;

/** The criteria as the rating form words them. */
export const criterionNames = {
  total_time: {
    vi: 'Tổng thời gian giải quyết so với quy định',
    en: 'Total processing time against the legal limit',
  },
  time_per_agency: { vi: 'Thời gian thực hiện tại từng cơ quan, đơn vị', en: 'Time taken at each agency' },
  contacts: { vi: 'Số lần phải liên hệ với nơi tiếp nhận hồ sơ', en: 'Number of contacts with the desk' },
  agencies_contacted: { vi: 'Số cơ quan, đơn vị phải liên hệ', en: 'Number of agencies contacted' },
  one_stop: {
    vi: 'Tiếp nhận và trả kết quả theo cơ chế một cửa',
    en: 'Receipt and return through the one-stop desk',
  },
  publication: { vi: 'Công khai thủ tục hành chính', en: 'Publication of the procedure' },
  attitude: { vi: 'Thái độ của cán bộ, công chức', en: 'Attitude of the officers' },
  feedback_handling: { vi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', en: 'Handling of feedback' },
  online_service: { vi: 'Cung cấp dịch vụ công trực tuyến', en: 'Online public service' },
} as const satisfies Record<RatingCriterion, Text>;

export const bandKeys = ['high', 'medium', 'low'] as const;
export type BandKey = (typeof bandKeys)[number];

/**
 * Bands of the total score (0–18). No regulation fixes them; these follow the two thresholds the
 * oversight already uses: ≥ 16 is at least 88.9% of the maximum, within one point of QĐ 766's 90% for
 * full marks on satisfaction (at most two criteria one step below the top); 12–15 is at least two thirds
 * (every criterion "acceptable" or better on average); below 12 means several criteria scored 0 or most
 * only 1. They line up with the three quick ratings, so the two can be compared.
 */
export const satisfactionBands: readonly { key: BandKey; min: number; max: number; name: Text }[] = [
  { key: 'high', min: 16, max: 18, name: { vi: 'Rất hài lòng (16–18 điểm)', en: 'Very satisfied (16–18)' } },
  { key: 'medium', min: 12, max: 15, name: { vi: 'Hài lòng (12–15 điểm)', en: 'Satisfied (12–15)' } },
  {
    key: 'low',
    min: 0,
    max: 11,
    name: { vi: 'Chưa hài lòng (dưới 12 điểm)', en: 'Not satisfied (below 12)' },
  },
];

export function bandOf(score: number): BandKey {
  return satisfactionBands.find((b) => score >= b.min && score <= b.max)?.key ?? 'low';
}

/** What the database sums over a set of ratings. */
export interface RatingSums {
  count: number;
  quick: Record<QuickRating, number>;
  scoreSum: number;
  criteriaSums: Record<RatingCriterion, number>;
  bands: Record<BandKey, number>;
}

export const emptySums = (): RatingSums => ({
  count: 0,
  quick: { very_satisfied: 0, satisfied: 0, not_satisfied: 0 },
  scoreSum: 0,
  criteriaSums: Object.fromEntries(ratingCriteria.map((c) => [c, 0])) as Record<RatingCriterion, number>,
  bands: { high: 0, medium: 0, low: 0 },
});

export function addSums(into: RatingSums, s: RatingSums): void {
  into.count += s.count;
  into.scoreSum += s.scoreSum;
  for (const q of quickRatings) into.quick[q] += s.quick[q];
  for (const c of ratingCriteria) into.criteriaSums[c] += s.criteriaSums[c];
  for (const b of bandKeys) into.bands[b] += s.bands[b];
}

export interface CountShare {
  count: number;
  share: number | null;
}

export interface SatisfactionFigures {
  count: number;
  quick: Record<QuickRating, CountShare>;
  /** Mean total score of 18, two places; null without ratings. */
  averageScore: number | null;
  /** averageScore ÷ 18, 4 places. */
  averageShare: number | null;
  /** Mean of each criterion (0–2), two places. */
  criteria: Record<RatingCriterion, number | null>;
  bands: Record<BandKey, CountShare>;
}

const mean = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

export function satisfactionFigures(s: RatingSums): SatisfactionFigures {
  const cs = (n: number): CountShare => ({ count: n, share: share(n, s.count) });
  return {
    count: s.count,
    quick: {
      very_satisfied: cs(s.quick.very_satisfied),
      satisfied: cs(s.quick.satisfied),
      not_satisfied: cs(s.quick.not_satisfied),
    },
    averageScore: mean(s.scoreSum, s.count),
    averageShare: s.count === 0 ? null : share(s.scoreSum, s.count * MAX_SCORE),
    criteria: Object.fromEntries(ratingCriteria.map((c) => [c, mean(s.criteriaSums[c], s.count)])) as Record<
      RatingCriterion,
      number | null
    >,
    bands: { high: cs(s.bands.high), medium: cs(s.bands.medium), low: cs(s.bands.low) },
  };
}
