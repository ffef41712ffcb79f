/**
 * A counting gate for work that uses this process's CPU and the store: at most `permits`
 * holders at once, the others queue in order. Waiting for something outside (the AI) is
 * done `outside` the gate, so a slow AI ties up no permit.
 */
export class WorkGate {
  private readonly queue: (() => void)[] = [];

  constructor(private free: number) {}

  async enter(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  leave(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free += 1;
  }

  /** Leaves the gate while `wait` runs, and takes a permit again after it. */
  async outside<T>(wait: () => Promise<T>): Promise<T> {
    this.leave();
    try {
      return await wait();
    } finally {
      await this.enter();
    }
  }
}
