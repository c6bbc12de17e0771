/**
 * Where PDFs are rendered: a pool of worker threads, so that a print never holds the event loop (form 01
 * took 0.2–0.7 s of CPU on it, and eight at once delayed every other answer by seconds). The pool owns
 * its bounds: as many threads as asked (about the cores), a queue of at most `maxQueue` waiting
 * documents, beyond which a print is refused with PRINT_BUSY (503 and Retry-After) rather than waited
 * for. Threads start on the first print, not with the server, and run at a lower priority than the main
 * thread, so that the requests it serves meanwhile come first.
 */
import type { Piscina } from 'piscina';
import { AppError } from '../../domain/errors.ts';
import { runPdfJob, type PdfData, type PdfJob, type PdfTask } from './jobs.ts';

export interface PdfRenderer {
  render<J extends PdfJob>(job: J, data: PdfData<J>): Promise<Buffer>;
  /** Lets the documents being rendered finish, then stops the threads. */
  close(): Promise<void>;
}

/** Renders on the calling thread: for command-line tools, and `PDF_THREADS=0`. */
export function inlinePdfRenderer(): PdfRenderer {
  return { render: runPdfJob, close: () => Promise.resolve() };
}

export interface PdfPoolOptions {
  threads: number;
  /** Documents waiting for a thread, beyond those being rendered. */
  maxQueue: number;
}

/**
 * Worker threads run this repository's TypeScript through tsx, whatever loaded the main thread (tsx for
 * `npm start`, Vitest's own loader in tests, which a worker does not inherit).
 */
const WORKER_EXEC_ARGV = ['--import', 'tsx'];
/** Nice value added to each worker thread (Linux; ignored where unsupported). */
const WORKER_NICE = 10;

export function pdfPool(options: PdfPoolOptions): PdfRenderer {
  type Pool = Piscina<PdfTask, Uint8Array>;
  let pool: Promise<Pool> | undefined;
  let closed = false;
  const start = async (): Promise<Pool> => {
    const { Piscina } = await import('piscina');
    return new Piscina<PdfTask, Uint8Array>({
      filename: new URL('./worker.ts', import.meta.url).href,
      minThreads: options.threads,
      maxThreads: options.threads,
      execArgv: WORKER_EXEC_ARGV,
      niceIncrement: WORKER_NICE,
    });
  };
  return {
    async render(job, data) {
      if (closed) throw new AppError('SERVICE_UNAVAILABLE');
      const p = await (pool ??= start());
      if (p.queueSize >= options.maxQueue) {
        // About how long the queue takes to drain, from the documents rendered so far.
        const meanMs = p.histogram.runTime.mean || 500;
        const seconds = Math.ceil((p.queueSize * meanMs) / options.threads / 1000);
        throw new AppError('PRINT_BUSY', { details: { retryAfterSeconds: Math.max(1, seconds) } });
      }
      const bytes = await p.run({ job, data });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async close() {
      closed = true;
      await (await pool)?.close();
    },
  };
}

/** The pool if `threads` > 0, else rendering on the calling thread. */
export function pdfRenderer(options: PdfPoolOptions): PdfRenderer {
  return options.threads > 0 ? pdfPool(options) : inlinePdfRenderer();
}
