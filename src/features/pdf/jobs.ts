/**
 * Every PDF the server renders, by name: the renderer and the plain data it takes. The data crosses to a
 * worker thread by structured clone, so it holds plain values only (no functions, no class instances);
 * the pdfmake document definitions, which hold layout callbacks, are built on the worker's side.
 * (Imported statically: in a worker thread on Node 20 tsx loads TypeScript through require() only, so an
 * import() of a .ts file there fails.)
 */
import {
  renderForm01,
  renderForm02,
  renderForm03,
  renderForm04,
  renderForm05,
  renderForm06,
  renderForm07Pdf,
} from '../documents/index.ts';
import type { FormHeader } from '../documents/form-data.ts';
import type { PeriodReport, ReportGrouping } from '../statistics/period-report.ts';
import { renderResolutionPdf } from '../statistics/resolution-pdf.ts';

export interface ResolutionPdfData {
  header: FormHeader;
  report: PeriodReport;
  groupBy: ReportGrouping | null;
}

export const pdfJobs = {
  form01: renderForm01,
  form02: renderForm02,
  form03: renderForm03,
  form04: renderForm04,
  form05: renderForm05,
  form06: renderForm06,
  /** The register (form 07) as a PDF. */
  register: renderForm07Pdf,
  /** Biểu 06, the period report. */
  resolution: (data: ResolutionPdfData) => renderResolutionPdf(data.header, data.report, data.groupBy),
} as const;

export type PdfJob = keyof typeof pdfJobs;
export type PdfData<J extends PdfJob> = Parameters<(typeof pdfJobs)[J]>[0];

/** What a worker thread is sent. */
export interface PdfTask<J extends PdfJob = PdfJob> {
  job: J;
  data: PdfData<J>;
}

export function runPdfJob<J extends PdfJob>(job: J, data: PdfData<J>): Promise<Buffer> {
  // The table's entries each take their own data; TypeScript cannot relate the two through the index.
  const render = pdfJobs[job] as (data: PdfData<J>) => Promise<Buffer>;
  return render(data);
}
