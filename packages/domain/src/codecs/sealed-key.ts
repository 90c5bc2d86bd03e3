import * as t from 'io-ts';
import { StoredIdentifier } from './primitives.js';

/** A product key sealed with AES-256-GCM under the customer tenant's data key. */
export const SealedKey = t.exact(
  t.type({
    alg: t.literal('A256GCM'),
    keyId: StoredIdentifier,
    iv: t.string,
    ciphertext: t.string,
    tag: t.string,
  }),
  'SealedKey',
);
/** A product key sealed with AES-256-GCM under the customer tenant's data key. */
export type SealedKey = t.TypeOf<typeof SealedKey>;
