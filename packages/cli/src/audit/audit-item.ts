import type { KeyView, SoftwareItem } from '@csp-onprem/domain';

/**
 * A key as an audit shows it: by fingerprint, never the key. `shredded` is `null` when the
 * reader had no access to the key vault: the log does not record crypto-shredding.
 */
export type AuditKey = Omit<KeyView, 'shredded'> & { readonly shredded: boolean | null };

/** A purchase as an audit shows it: the software-list item, with keys as {@link AuditKey}. */
export type AuditItem = Omit<SoftwareItem, 'keys'> & { readonly keys: readonly AuditKey[] };

/** The item for an audit; `shreddingKnown` says whether its keys' `shredded` came from a vault. */
export function toAuditItem(item: SoftwareItem, shreddingKnown: boolean): AuditItem {
  const copy = structuredClone(item);
  return { ...copy, keys: copy.keys.map((key) => ({ ...key, shredded: shreddingKnown ? key.shredded : null })) };
}
