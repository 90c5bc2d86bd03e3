import * as E from 'fp-ts/lib/Either.js';
import { refundEligibilityOf, type RefundEligibility, type SoftwareItem } from '@csp-onprem/domain';
import { isAtOrBefore, markShreddedKeys, type EventStore, type KeyVault } from '@csp-onprem/engine';
import { toAuditItem, type AuditItem } from '../audit/audit-item.js';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import type { AsOfArgument } from '../instants.js';
import { byPurchase, foldItem } from '../log/item-fold.js';
import { scanLog } from '../log/scan-log.js';

/** One customer's software list and the refund eligibility of each purchase, as they stood. */
export interface CustomerReplay {
  readonly tenantId: string;
  /** The domain the purchases name; null for a customer with no purchase as of then. */
  readonly domain: string | null;
  readonly software: readonly AuditItem[];
  readonly eligibility: readonly RefundEligibility[];
}

/** What `csp-onprem replay --json` prints. */
export interface ReplayReport {
  readonly format: 'csp-onprem-replay/1';
  readonly store: string;
  readonly asOf: { readonly instant: string } | { readonly position: number };
  /** The instant eligibility is computed at: the as-of instant, or the time of the last event at or before the as-of position (null before the first event). */
  readonly eligibilityAt: string | null;
  /** The position of the last event the replay kept. */
  readonly throughPosition: number;
  readonly customers: readonly CustomerReplay[];
}

function customersOf(items: readonly SoftwareItem[], only: string | undefined, at: Date | undefined, shreddingKnown: boolean): CustomerReplay[] {
  const grouped = new Map<string, SoftwareItem[]>();
  if (only !== undefined) grouped.set(only, []);
  for (const item of [...items].sort(byPurchase)) {
    const tenantId = item.customer.tenantId.toLowerCase();
    if (only !== undefined && tenantId !== only) continue;
    const list = grouped.get(tenantId);
    if (list === undefined) grouped.set(tenantId, [item]);
    else list.push(item);
  }
  return [...grouped]
    .map(([tenantId, list]) => ({
      tenantId,
      domain: list[0]?.customer.domain ?? null,
      software: list.map((item) => toAuditItem(item, shreddingKnown)),
      eligibility: at === undefined ? [] : list.map((item) => refundEligibilityOf(item, at)),
    }))
    .sort((a, b) => (a.domain ?? '').localeCompare(b.domain ?? '') || a.tenantId.localeCompare(b.tenantId));
}

/**
 * Replays the log as of an instant (every event that occurred at or before it) or a global
 * position (every event at or before it): the software lists, and each purchase's refund
 * eligibility at that instant (for a position, at the time of its last event). With a vault,
 * each key says whether its data key was destroyed (today, whatever the as-of); without one,
 * `shredded` is null: the log does not record crypto-shredding.
 */
export async function replayLog(store: EventStore, asOf: AsOfArgument, customer?: string, vault?: KeyVault): Promise<E.Either<CliFailure, ReplayReport>> {
  const items = new Map<string, SoftwareItem>();
  const bound = asOf.kind === 'instant' ? asOf.instant : asOf.position;
  let kept = 0;
  let lastKeptAt: string | undefined;
  const scanned = await scanLog(
    store,
    (event) => {
      if (!isAtOrBefore(event, bound)) return;
      foldItem(items, event);
      kept = event.position;
      lastKeptAt = event.meta.occurredAt;
    },
    asOf.kind === 'position' ? asOf.position : undefined,
  );
  if (E.isLeft(scanned)) return scanned;
  if (vault !== undefined) {
    const marked = await markShreddedKeys(vault, [...items.values()]);
    if (E.isLeft(marked)) return E.left(cannotProceed(`${marked.left.code}: ${marked.left.message}`));
  }
  const at = asOf.kind === 'instant' ? asOf.instant : lastKeptAt === undefined ? undefined : new Date(lastKeptAt);
  return E.right({
    format: 'csp-onprem-replay/1',
    store: store.name,
    asOf: asOf.kind === 'instant' ? { instant: asOf.instant.toISOString() } : { position: asOf.position },
    eligibilityAt: at === undefined ? null : at.toISOString(),
    throughPosition: kept,
    customers: customersOf([...items.values()], customer, at, vault !== undefined),
  });
}
