/**
 * Every document of a thread shares the parsed fonts and their layouts (render.ts), so nothing a document
 * does may change the next. The forms are rendered here in one order and in a fresh worker thread of the
 * PDF pool in the reverse order, so that each comes after different documents (and the first and last
 * each come first in a thread once): the bytes must be the same, as the output is deterministic. Form 06
 * once lost its "ư" (extracted as "@") when it came after form 01.
 */
import { describe, expect, it } from 'vitest';
import { fontsShared } from '../../../src/features/documents/render.ts';
import type { PdfData, PdfJob } from '../../../src/features/pdf/jobs.ts';
import { inlinePdfRenderer, pdfPool, type PdfRenderer } from '../../../src/features/pdf/pool.ts';
import { form01, form02, form03, form04, form05, form06, form07 } from './fixtures.ts';

type Print = { [J in PdfJob]: [J, PdfData<J>] }[PdfJob];
const prints: Print[] = [
  ['form01', form01],
  ['form02', form02],
  ['form03', form03],
  ['form04', form04],
  ['form05', form05],
  ['register', form07(30)],
  ['form06', form06],
];

async function renderAll(renderer: PdfRenderer, order: Print[]): Promise<Map<PdfJob, Buffer>> {
  const out = new Map<PdfJob, Buffer>();
  for (const [job, data] of order) out.set(job, await renderer.render(job, data));
  return out;
}

describe('documents rendered one after another', () => {
  it('give the same bytes whatever was rendered before them', { timeout: 120_000 }, async () => {
    const here = await renderAll(inlinePdfRenderer(), prints);
    expect(fontsShared).toBe(true);
    const fresh = pdfPool({ threads: 1, maxQueue: 10 });
    try {
      const reversed = await renderAll(fresh, [...prints].reverse());
      for (const [job] of prints) expect(here.get(job)!.equals(reversed.get(job)!), job).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
