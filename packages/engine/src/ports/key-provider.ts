import { randomInt } from 'node:crypto';
import type { PurchaseFacts, Variant } from '@csp-onprem/domain';

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
      const groups = Array.from({ length: 5 }, () =>
        Array.from({ length: 5 }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join(''),
      );
      return `TEST-${groups.join('-')}`;
    },
  };
}
