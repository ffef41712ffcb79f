/** Why and since when a delivery target gets no attempts. */
export interface Pause {
  at: Date;
  reason: string;
}
