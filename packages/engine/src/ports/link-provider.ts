import type { PurchaseFacts, Variant } from '@csp-onprem/domain';
import { DAY_MS } from '@csp-onprem/domain';
import { pooledRandomBytes } from './random-pool.js';

/** What the engine asks a link provider for: a download link for one variant. */
export interface LinkRequest {
  readonly purchase: PurchaseFacts;
  readonly variant: Variant;
  readonly now: Date;
  readonly commandId: string;
}

/** A download link and when it stops working. */
export interface DownloadLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/** Where download links come from; the provider decides their expiry. */
export interface LinkProvider {
  createLink(request: LinkRequest): Promise<DownloadLink>;
}

/** Partner Center's links expired after two weeks. */
export const DEVELOPMENT_LINK_LIFETIME_MS = 14 * DAY_MS;

/** Makes clearly-marked test links on the reserved `.invalid` domain, valid for two weeks. */
export function developmentLinkProvider(): LinkProvider {
  return {
    async createLink({ purchase, variant, now }) {
      const path = [purchase.subscriptionId, variant.version, variant.language, variant.bitness].map(encodeURIComponent).join('/');
      return {
        url: `https://downloads.csp-onprem-test.invalid/${path}?token=${pooledRandomBytes(12).toString('hex')}`,
        expiresAt: new Date(now.getTime() + DEVELOPMENT_LINK_LIFETIME_MS),
      };
    },
  };
}
