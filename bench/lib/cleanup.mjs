// Every child process the benchmark starts is tracked here, so an interrupted run
// (Ctrl-C, a failed phase) still stops all of them.
const stoppers = new Set();

/** Registers `stop`; the returned function stops it once and forgets it. */
export function track(stop) {
  let stopped;
  const once = () => {
    stoppers.delete(once);
    stopped ??= stop();
    return stopped;
  };
  stoppers.add(once);
  return once;
}

export async function stopAllTracked() {
  for (const stop of [...stoppers].reverse()) await stop().catch(() => undefined);
}
