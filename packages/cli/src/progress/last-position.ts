import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@csp-onprem/engine';

async function hasEventAfter(store: EventStore, position: number): Promise<boolean | undefined> {
  const page = await store.readAll({ after: position, limit: 1 });
  return E.isLeft(page) ? undefined : page.right.length > 0;
}

/**
 * The position of the last event, found cheaply: about 2 x log2(position) reads of one event
 * (doubling, then halving), instead of reading the whole log. Positions only grow, so "is
 * there an event after p" answers yes below the last position and no from it on. Undefined
 * when the log is empty or a read fails: the progress bar then shows no percentage.
 */
export async function lastPosition(store: EventStore): Promise<number | undefined> {
  let low = 0;
  let high = 1;
  for (;;) {
    const more = await hasEventAfter(store, high);
    if (more === undefined) return undefined;
    if (!more) break;
    low = high;
    if (high >= Number.MAX_SAFE_INTEGER / 2) return undefined;
    high *= 2;
  }
  // An event lies after `low` (or low is 0), none after `high`: the last position is in (low, high].
  if (low === 0 && (await hasEventAfter(store, 0)) !== true) return undefined;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const more = await hasEventAfter(store, middle);
    if (more === undefined) return undefined;
    if (more) low = middle;
    else high = middle;
  }
  return high;
}
