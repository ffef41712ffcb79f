/** Every list endpoint answers `{ data: [...] }`, leaving room for paging fields later. */
export interface ListResponse<T> {
  data: T[];
}
