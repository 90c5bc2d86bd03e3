import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@csp-onprem/engine';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import { runDemo } from '../demo/run-demo.js';
import type { ServeKek } from './serve-kek.js';

/** What seeding told. */
export interface Seeded {
  readonly runId: string;
  readonly purchases: number;
}

/**
 * Plays the demo's story on an empty store, so that development mode opens on the guide's
 * purchases, keys, downloads and cancellations. The demo closes the store it was given.
 */
export async function seedWithDemo(store: EventStore, kek: ServeKek, environment: Readonly<Record<string, string | undefined>>): Promise<E.Either<CliFailure, Seeded>> {
  const played = await runDemo({ db: store.name, store, out: () => undefined, environment, ...(kek?.source.kind === 'file' ? { kekPath: kek.source.path } : {}) });
  if (E.isLeft(played)) return E.left(cannotProceed(`seeding with the demo's story failed at ${played.left.step}: ${played.left.code}: ${played.left.message}`));
  return E.right({ runId: played.right.runId, purchases: played.right.purchases });
}
