/** Speaks short results through one polite live region (copy done, saved, delivery failed). */
export type Announce = (message: string) => void;

export function createAnnouncer(region: HTMLElement): Announce {
  return (message) => {
    // Emptying first makes screen readers repeat a message that equals the previous one.
    region.textContent = '';
    requestAnimationFrame(() => {
      region.textContent = message;
    });
  };
}
