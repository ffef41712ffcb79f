// The relay's typed event hub: who emits does not know who listens, and one listener's
// failure is logged without keeping the event from the others.
import { expect, test } from '@jest/globals';
import { EventHub } from '../../relay/src/events/hub.js';

interface Events {
  counted: { n: number };
  named: string;
}

function hubWithLog() {
  const logged: unknown[] = [];
  const hub = new EventHub<Events>({ error: (context: unknown) => logged.push(context) });
  return { hub, logged };
}

test('listeners get their event, in the order they subscribed; other events pass them by', () => {
  const { hub } = hubWithLog();
  const seen: string[] = [];
  hub.on('counted', ({ n }) => seen.push(`first ${String(n)}`));
  hub.on('counted', ({ n }) => seen.push(`second ${String(n)}`));
  hub.on('named', (name) => seen.push(`named ${name}`));

  hub.emit('counted', { n: 1 });
  hub.emit('named', 'x');

  expect(seen).toEqual(['first 1', 'second 1', 'named x']);
});

test('a listener that throws is logged; the ones after it still get the event', () => {
  const { hub, logged } = hubWithLog();
  const seen: number[] = [];
  hub.on('counted', () => {
    throw new Error('listener broke');
  });
  hub.on('counted', ({ n }) => seen.push(n));

  expect(() => hub.emit('counted', { n: 7 })).not.toThrow();

  expect(seen).toEqual([7]);
  expect(logged).toEqual([expect.objectContaining({ event: 'counted' })]);
});

test('an event nobody listens to is fine', () => {
  const { hub, logged } = hubWithLog();
  expect(() => hub.emit('named', 'alone')).not.toThrow();
  expect(logged).toEqual([]);
});
