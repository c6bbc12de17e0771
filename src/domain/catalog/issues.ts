import type { ErrorCode } from '../errors.ts';

/**
 * One problem found while checking catalog data, at a path inside the checked document
 * (`components/2/name`). An import turns paths into sheet, row and column; the API into `field`.
 */
export interface Issue {
  path: string;
  code: ErrorCode;
  vi?: string;
  en?: string;
}
