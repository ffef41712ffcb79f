import { AlreadyExists } from '../errors.js';

/**
 * Runs `work` whole, at once, and answers it later as a store does. JavaScript runs one caller
 * at a time, and nothing in `work` awaits: no other caller can run between its read and its
 * write, which is what makes each memory repository method atomic. A throw is a rejection.
 */
export function answer<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

/**
 * The objects of one kind, by id, as copies: what a caller holds is never what is stored, as
 * with a real store. Iterates in insertion order (the "natural order" of a collection).
 */
export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, T>();

  /** `unique`, if given, names what no two objects may share besides their id (a unique index). */
  constructor(
    private readonly name: string,
    private readonly unique?: (row: T) => string,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  get(id: string): T | undefined {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }

  /** AlreadyExists when the id or the unique key is taken. */
  insert(row: T): void {
    const { unique } = this;
    const key = unique?.(row);
    const taken =
      this.rows.has(row.id) ||
      (key !== undefined && [...this.rows.values()].some((other) => unique?.(other) === key));
    if (taken) throw new AlreadyExists(`already in ${this.name}`);
    this.rows.set(row.id, structuredClone(row));
  }

  /** Copies of the matching objects, in insertion order. */
  find(match: (row: T) => boolean = () => true): T[] {
    return [...this.rows.values()].filter(match).map((row) => structuredClone(row));
  }

  /**
   * Changes the object if it is there and matches: `change` gets a copy and answers the new
   * object. Answers the object as it was (undefined when nothing changed).
   */
  update(id: string, match: (row: T) => boolean, change: (row: T) => T): T | undefined {
    const row = this.rows.get(id);
    if (!row || !match(row)) return undefined;
    this.rows.set(id, structuredClone(change(structuredClone(row))));
    return structuredClone(row);
  }

  /** Adds the object, or changes the one there: `change` gets a copy of it, or undefined. */
  upsert(id: string, change: (row: T | undefined) => T): void {
    const row = this.rows.get(id);
    this.rows.set(id, structuredClone(change(row && structuredClone(row))));
  }

  delete(id: string, match: (row: T) => boolean = () => true): boolean {
    const row = this.rows.get(id);
    if (!row || !match(row)) return false;
    return this.rows.delete(id);
  }

  /** Removes up to `limit` matching objects, the oldest inserted first; how many. */
  deleteWhere(match: (row: T) => boolean, limit = Infinity): number {
    let removed = 0;
    for (const [id, row] of this.rows) {
      if (removed >= limit) break;
      if (match(row) && this.rows.delete(id)) removed += 1;
    }
    return removed;
  }
}

/** Oldest first by `createdAt`; equal times keep insertion order (the sort is stable). */
export function oldestFirst<T extends { createdAt: Date }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** The object if it belongs to the workspace: another's does not exist for it. */
export function ownedBy<T extends { workspaceId: string }>(
  row: T | undefined,
  workspaceId: string,
): T | undefined {
  return row?.workspaceId === workspaceId ? row : undefined;
}

/** Changes the workspace's object: the object after the change; undefined when there is none. */
export function changeOwned<T extends { id: string; workspaceId: string }>(
  table: Table<T>,
  id: string,
  workspaceId: string,
  changes: Partial<T>,
): T | undefined {
  const change = (row: T): T => ({ ...row, ...changes });
  const before = table.update(id, (row) => row.workspaceId === workspaceId, change);
  return before && change(before);
}
