/**
 * Printable forms 01–07 of the one-stop shop (TT 03/2025/TT-VPCP, Appendix I) rendered from plain data:
 * PDF for all of them, Excel too for the register (07). No database, no routes: callers load the data,
 * these functions return the file. pdfmake and exceljs are loaded on first use.
 */
export type * from './form-data.ts';
export { renderForm01, FORM_01_TITLE } from './form-01.ts';
export { renderForm02, FORM_02_TITLE } from './form-02.ts';
export { renderForm03, FORM_03_TITLE } from './form-03.ts';
export { renderForm04, FORM_04_TITLE } from './form-04.ts';
export { renderForm05, FORM_05_TITLE } from './form-05.ts';
export { renderForm06, FORM_06_TITLE } from './form-06.ts';
export { renderForm07Pdf, FORM_07_TITLE } from './form-07.ts';
export { renderForm07Xlsx } from './form-07-xlsx.ts';
export { preloadPdf } from './render.ts';
export {
  durationUnitNames,
  formatDate,
  formatDateTime,
  formatDuration,
  formatLongDate,
  formatPlaceAndDate,
  formatTimeAndDate,
  outcomeNames,
} from './format.ts';
