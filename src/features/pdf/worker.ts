/**
 * One thread of the PDF pool (`pool.ts`). pdfmake and the fonts are loaded once per thread, when it
 * starts, and the fonts' parsed tables then serve every document it renders.
 */
import { Piscina } from 'piscina';
import { preloadPdf } from '../documents/render.ts';
import { runPdfJob, type PdfTask } from './jobs.ts';

// Loading starts with the thread and the first task waits for it; a failure shows again in that task.
// (Not a top-level await: piscina first tries require(), for which the module must be synchronous.)
preloadPdf().catch(() => undefined);

export default async function renderTask(task: PdfTask): Promise<ReturnType<typeof Piscina.move>> {
  const bytes = await runPdfJob(task.job, task.data);
  // Moved, not copied, to the main thread; a buffer sharing its memory with others is copied first.
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.from(bytes);
  return Piscina.move(own);
}
