/**
 * Merges the writes that callers make in the same turn of the event loop into one store
 * command. Each caller still gets its own answer (or error), after the shared command is
 * acknowledged. Under load this turns many small round trips into a few large ones; a lone
 * caller waits one turn of the event loop longer, nothing more.
 */
export class Coalescer<T, R> {
  private waiting: { item: T; resolve(result: R): void; reject(error: unknown): void }[] = [];

  /** `write` answers one result per item, in order; a throw fails every item. */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length === 1) {
        setImmediate(() => {
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.write(batch.map((entry) => entry.item)).then(
        (results) => {
          for (const [index, entry] of batch.entries()) entry.resolve(results[index] as R);
        },
        (error: unknown) => {
          for (const entry of batch) entry.reject(error);
        },
      );
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
