import { createHash } from 'node:crypto';
import type { SoftwareItem } from '@csp-onprem/domain';
import type { ReadModelSummary } from './measure-spec.js';

/** Counts what every purchase of a software list shows. */
export function summarise(items: Iterable<SoftwareItem>): ReadModelSummary {
  const s = { purchases: 0, active: 0, pending: 0, cancelled: 0, keys: 0, revokedKeys: 0, views: 0, downloads: 0, linkCopies: 0, paidCents: 0 };
  for (const item of items) {
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
  return s;
}

/**
 * SHA-256 over every item of a software list, in subscription order, with keys sorted: two
 * read models built from the same log by different paths must give the same digest.
 */
export function digestItems(items: Iterable<SoftwareItem>): string {
  const sorted = [...items].sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : a.subscriptionId > b.subscriptionId ? 1 : 0));
  const hash = createHash('sha256');
  for (const item of sorted) hash.update(stableJson(item)).update('\n');
  return hash.digest('hex');
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
