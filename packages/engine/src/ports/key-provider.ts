import type { PurchaseFacts, Variant } from '@csp-onprem/domain';
import { pooledRandomBytes } from './random-pool.js';

/** What the engine asks a key provider for: a key for one variant of one purchase. */
export interface KeyRequest {
  readonly purchase: PurchaseFacts;
  readonly variant: Variant;
  /** The command asking; a provider may use it to answer a retry with the same key. */
  readonly commandId: string;
}

/** Where product keys come from (Partner Center in production). Keys are opaque strings. */
export interface KeyProvider {
  issueKey(request: KeyRequest): Promise<string>;
}

const KEY_ALPHABET = 'BCDFGHJKMPQRTVWXY2346789';

/** Makes clearly-marked test keys (`TEST-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`) that activate nothing. */
export function developmentKeyProvider(): KeyProvider {
  return {
    async issueKey() {
      // One draw of random bytes for the whole key; 240 is a multiple of the alphabet's 24
      // letters, so bytes below it map onto the alphabet without bias.
      const letters: string[] = [];
      while (letters.length < 25) {
        for (const byte of pooledRandomBytes(32)) if (byte < 240 && letters.length < 25) letters.push(KEY_ALPHABET[byte % KEY_ALPHABET.length] as string);
      }
      const groups = [0, 5, 10, 15, 20].map((start) => letters.slice(start, start + 5).join(''));
      return `TEST-${groups.join('-')}`;
    },
  };
}
