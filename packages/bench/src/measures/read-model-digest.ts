import { createHash } from 'node:crypto';
import type { SoftwareItem } from '@csp-onprem/domain';
import type { ReadModelSummary } from './measure-spec.js';

/**
 * The digest and summary of a software list, taken one item at a time: only each item's own
 * hash is kept, so a list of 100,000 items read customer by customer is never held whole.
 * The digest is SHA-256 over the items' hashes (of their JSON with keys sorted) in subscription
 * order: two read models built from the same log by different paths must give the same one.
 */
export class ReadModelDigest {
  private readonly itemHashes: (readonly [subscriptionId: string, hash: string])[] = [];
  private readonly counts = { purchases: 0, active: 0, pending: 0, cancelled: 0, keys: 0, revokedKeys: 0, views: 0, downloads: 0, linkCopies: 0, paidCents: 0 };

  /** Takes one item into the digest and the counts. */
  add(item: SoftwareItem): void {
    this.itemHashes.push([item.subscriptionId, createHash('sha256').update(stableJson(item)).digest('hex')]);
    const s = this.counts;
    s.purchases += 1;
    if (item.status === 'active') s.active += 1;
    else if (item.status === 'cancellation-pending') s.pending += 1;
    else s.cancelled += 1;
    for (const key of item.keys) {
      s.keys += 1;
      if (key.revoked) s.revokedKeys += 1;
      s.views += key.views;
    }
    s.downloads += item.downloads;
    s.linkCopies += item.linkCopies;
    s.paidCents += item.paid.amount;
  }

  /** The digest of every item taken so far. */
  digest(): string {
    const sorted = [...this.itemHashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const hash = createHash('sha256');
    for (const [, itemHash] of sorted) hash.update(itemHash).update('\n');
    return hash.digest('hex');
  }

  /** The counts of every item taken so far. */
  summary(): ReadModelSummary {
    return { ...this.counts };
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
