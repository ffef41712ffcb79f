// The only errors a repository throws, besides bugs: whatever the store behind it is, callers
// see these two, so no code outside an implementation knows its driver.

/** The store did not answer (unreachable, connection lost): the outcome is unknown. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}

/** What was to be added exists already: the same id, or the same unique key. */
export class AlreadyExists extends Error {
  override readonly name = 'AlreadyExists';
}
