// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by package and by function.

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** Where a function lives, coarse enough to act on: a package, a relay file, Node itself. */
export function categoryOf({ functionName, url }) {
  if (SPECIAL.has(functionName)) return functionName;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  const own = /\/(relay|shared)\/dist\/(.+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url || '(native)';
}

function selfTimes(profile) {
  const micros = new Map();
  profile.samples.forEach((nodeId, i) => {
    micros.set(nodeId, (micros.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return micros;
}

function top(map, busyMicros, count) {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({
      name,
      ms: Math.round(micros / 1000),
      percent: Math.round((1000 * micros) / busyMicros) / 10,
    }));
}

/** Busy time excludes (idle); percentages are of busy time. */
export function summarizeProfile(profile, count = 20) {
  const micros = selfTimes(profile);
  const byCategory = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const self = micros.get(node.id) ?? 0;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)' || self === 0) continue;
    busy += self;
    const category = categoryOf(frame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + self);
    const name = `${frame.functionName || '(anonymous)'} ${category}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + self);
  }
  const wall = profile.endTime - profile.startTime;
  return {
    wallMs: Math.round(wall / 1000),
    busyMs: Math.round(busy / 1000),
    byCategory: top(byCategory, busy, count),
    byFunction: top(byFunction, busy, count),
  };
}
