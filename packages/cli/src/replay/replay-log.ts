import * as E from 'fp-ts/lib/Either.js';
import { refundEligibilityOf, type RefundEligibility, type SoftwareItem } from '@csp-onprem/domain';
import { isAtOrBefore, markShreddedKeys, type EventStore, type KeyVault, type RecordedEvent } from '@csp-onprem/engine';
import { toAuditItem, type AuditItem } from '../audit/audit-item.js';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import type { AsOfArgument } from '../instants.js';
import { byPurchase, foldItem } from '../log/item-fold.js';
import { scanLog } from '../log/scan-log.js';
import { PositionRuns, runText, type PositionsUsed } from './position-runs.js';

/** One customer's software list and the refund eligibility of each purchase, as they stood. */
export interface CustomerReplay {
  readonly tenantId: string;
  /** The domain the purchases name; null for a customer with no purchase as of then. */
  readonly domain: string | null;
  readonly software: readonly AuditItem[];
  readonly eligibility: readonly RefundEligibility[];
}

/** Replay only what the log had recorded by a position: events after it are left out, whatever their dates. */
export interface RecordedBy {
  readonly position: number;
  /** The kept digest that named the position, when one did. */
  readonly digest?: string;
}

/** What `csp-onprem replay --json` prints. */
export interface ReplayReport {
  readonly format: 'csp-onprem-replay/1';
  readonly store: string;
  readonly asOf: { readonly instant: string } | { readonly position: number };
  /** The position (and digest) events were recorded by to be used; null when every recorded event counts. */
  readonly recordedBy: RecordedBy | null;
  /** The instant eligibility is computed at: the as-of instant, or the time of the last event at or before the as-of position (null before the first event). */
  readonly eligibilityAt: string | null;
  /** The position of the last event the replay used. */
  readonly throughPosition: number;
  /** The exact set of events used, and those left out with why. */
  readonly positions: PositionsUsed;
  /** What an auditor should know about the events used (events recorded after the instant but dated before it). */
  readonly notes: readonly string[];
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
 * Folds the software lists as of an instant (the events that occurred at or before it) or a
 * global position (the events at or before it), while the log streams past, using only events
 * recorded by `recordedBy` when given; records the exact set of events used and why each other
 * one was left out.
 */
export class ReplayFold {
  private readonly items = new Map<string, SoftwareItem>();
  private readonly runs = new PositionRuns();
  private readonly bound: Date | number;
  private lastUsed = 0;
  private lastUsedAt: string | undefined;
  // Events dated at or before the instant but recorded after one dated after it: written late.
  private firstDatedAfter: number | undefined;
  private readonly late = new PositionRuns();
  private lateCount = 0;

  constructor(
    private readonly asOf: AsOfArgument,
    private readonly recordedBy?: RecordedBy,
  ) {
    this.bound = asOf.kind === 'instant' ? asOf.instant : asOf.position;
  }

  /** Takes the next event of the global order: used, or left out with its reason. */
  push(event: RecordedEvent): void {
    const inTime = isAtOrBefore(event, this.bound);
    if (this.recordedBy !== undefined && event.position > this.recordedBy.position) {
      this.runs.push(event.position, `recorded after position ${this.recordedBy.position}`);
      return;
    }
    if (!inTime) {
      this.runs.push(event.position, this.asOf.kind === 'instant' ? 'dated after the instant' : 'after the as-of position');
      this.firstDatedAfter ??= event.position;
      return;
    }
    this.runs.push(event.position, 'used');
    if (this.firstDatedAfter !== undefined) {
      this.late.push(event.position, 'used');
      this.lateCount += 1;
    }
    foldItem(this.items, event);
    this.lastUsed = event.position;
    this.lastUsedAt = event.meta.occurredAt;
  }

  private notes(): string[] {
    if (this.lateCount === 0 || this.firstDatedAfter === undefined) return [];
    const runs = this.late.result().used.map(runText).join(', ');
    const advice = this.recordedBy === undefined ? '; give --recorded-by <a digest taken then> to replay only what was recorded by then' : '';
    return [
      `${this.lateCount === 1 ? '1 event' : `${this.lateCount} events`} used (${runs}) ${this.lateCount === 1 ? 'is' : 'are'} dated at or before the instant but ${this.lateCount === 1 ? 'was' : 'were'} recorded after an event dated after it (position ${this.firstDatedAfter}): written after the instant if the clocks were right${advice}`,
    ];
  }

  /** The replay of the events taken: each key marked shredded or not when a vault is given. */
  async result(store: string, customer: string | undefined, vault: KeyVault | undefined): Promise<E.Either<CliFailure, ReplayReport>> {
    const items = [...this.items.values()];
    if (vault !== undefined) {
      const marked = await markShreddedKeys(vault, items);
      if (E.isLeft(marked)) return E.left(cannotProceed(`${marked.left.code}: ${marked.left.message}`));
    }
    const { asOf } = this;
    const at = asOf.kind === 'instant' ? asOf.instant : this.lastUsedAt === undefined ? undefined : new Date(this.lastUsedAt);
    return E.right({
      format: 'csp-onprem-replay/1',
      store,
      asOf: asOf.kind === 'instant' ? { instant: asOf.instant.toISOString() } : { position: asOf.position },
      recordedBy: this.recordedBy ?? null,
      eligibilityAt: at === undefined ? null : at.toISOString(),
      throughPosition: this.lastUsed,
      positions: this.runs.result(),
      notes: this.notes(),
      customers: customersOf(items, customer, at, vault !== undefined),
    });
  }
}

/**
 * Replays the log as of an instant or a global position (see `ReplayFold`), reading it once
 * without checking chains: `csp-onprem replay` verifies in the same pass (see `verifiedFold`).
 * With a vault, each key says whether its data key was destroyed (today, whatever the as-of);
 * without one, `shredded` is null: the log does not record crypto-shredding.
 */
export async function replayLog(store: EventStore, asOf: AsOfArgument, customer?: string, vault?: KeyVault, recordedBy?: RecordedBy): Promise<E.Either<CliFailure, ReplayReport>> {
  const fold = new ReplayFold(asOf, recordedBy);
  const scanned = await scanLog(store, (event) => fold.push(event));
  return E.isLeft(scanned) ? scanned : fold.result(store.name, customer, vault);
}
