import type * as t from 'io-ts';
import { boundedArray } from './bounded-array.js';
import { TenantId } from './primitives.js';
import { struct } from './struct.js';
import { inputTexts, storedTexts, type TextCodecs } from './text-sets.js';

/** The most role names an actor may carry. */
export const MAX_ROLES = 50;

function actorOf(texts: TextCodecs) {
  return struct(
    {
      userId: texts.identifier,
      tenantId: TenantId,
      roles: boundedArray(texts.identifier, { minLength: 0, maxLength: MAX_ROLES }, `list of at most ${MAX_ROLES} roles`),
    },
    {},
    'Actor',
  );
}

/** Who issues a command or asks a query: a user of a tenant with its roles. */
export const Actor = actorOf(inputTexts);
/** Who issues a command or asks a query: a user of a tenant with its roles. */
export type Actor = t.TypeOf<typeof Actor>;

/** An actor as stored events' metadata holds it (characters unchecked: see `storedTexts`). */
export const StoredActor = actorOf(storedTexts);
