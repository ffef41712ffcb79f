/** A claim on a piece of work by one relay process, until a time. */
export interface Lease {
  owner: string;
  until: Date;
}
