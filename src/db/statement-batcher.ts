/**
 * Group execution of one kind of statement: while one runs, the calls that arrive wait and then share the
 * next one, so a burst costs a few round trips, statements and commits instead of one each. At low load a
 * batch holds one call and nothing waits. `run` answers one result per item, in order. When a shared
 * statement fails, each of its items is tried alone, so that one bad item fails only its own caller, unless
 * `retryAlone` says the failure was not the items' (a lost connection, whose statement may have committed:
 * trying again could do the work twice), and then every caller gets the error.
 */
interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class StatementBatcher<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch?: number; retryAlone?: (err: unknown) => boolean } = {},
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Requests parsed in the same turn of the event loop share the first statement too.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 200);
        try {
          this.settle(batch, await this.run(batch.map((w) => w.item)));
        } catch (err) {
          if (batch.length === 1 || this.options.retryAlone?.(err) === false)
            for (const w of batch) w.reject(err);
          else
            for (const one of batch) {
              try {
                this.settle([one], await this.run([one.item]));
              } catch (alone) {
                one.reject(alone);
              }
            }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private settle(batch: Waiting<T, R>[], results: R[]): void {
    if (results.length !== batch.length) {
      const err = new Error(`statement batch: ${results.length} results for ${batch.length} items`);
      for (const w of batch) w.reject(err);
      return;
    }
    for (const [i, w] of batch.entries()) w.resolve(results[i]!);
  }
}
