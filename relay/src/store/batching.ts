/**
 * Merges what callers submit in the same turn of the event loop into batches of one store
 * command each. Each caller still gets its own answer (or error), once its batch is written.
 * Under load this turns many small round trips into a few large ones; a lone caller waits one
 * turn of the event loop longer, nothing more.
 *
 * `serial`: one batch is written at a time, and what arrives meanwhile waits for it, then goes
 * as the next batch (accepts: the batches grow with the load, the store sees one write at a
 * time). Otherwise every turn's batches are written at once (the repositories' coalesced
 * writes, each a command of its own).
 */
export class Batcher<T, R> {
  private waiting: { item: T; resolve(result: R): void; reject(error: unknown): void }[] = [];
  private writing = false;

  /** `write` answers one result per item, in order; a throw fails every item of the batch. */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch?: number; serial?: boolean } = {},
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // The first of a batch waits one turn of the event loop for its companions.
      if (this.waiting.length === 1 && !this.writing) {
        setImmediate(() => {
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const maxBatch = this.options.maxBatch ?? 500;
    while (this.waiting.length > 0 && !this.writing) {
      const batch = this.waiting.splice(0, maxBatch);
      if (this.options.serial) this.writing = true;
      void this.write(batch.map((entry) => entry.item))
        .then(
          (results) => {
            for (const [index, entry] of batch.entries()) entry.resolve(results[index] as R);
          },
          (error: unknown) => {
            for (const entry of batch) entry.reject(error);
          },
        )
        .finally(() => {
          if (!this.options.serial) return;
          this.writing = false;
          this.flush();
        });
    }
  }
}

/** For each item of a batch that was written as one flat list: which positions were its own. */
export function spans(sizes: readonly number[]): { from: number; to: number }[] {
  let from = 0;
  return sizes.map((size) => {
    const span = { from, to: from + size };
    from += size;
    return span;
  });
}
