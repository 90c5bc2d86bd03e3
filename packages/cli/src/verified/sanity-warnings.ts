import { formatMoney, percentOf, type Money } from '@csp-onprem/domain';
import { eventIdMillis, type RecordedEvent } from '@csp-onprem/engine';
import type { PurchaseNames } from './purchase-names.js';

/** What a sanity warning is about. */
export type SanityWarningKind =
  /** An event is dated before the previous event of its purchase. */
  | 'time-went-backwards'
  /** The instant an event id carries (its first 48 bits) is not the event's `occurredAt`. */
  | 'event-id-time'
  /** A completed cancellation's credit is not the policy's percent of what was requested, or more than that percent of what was paid. */
  | 'credit-not-policy';

/** Something that looks wrong but is not on its own a sign of tampering: the chains and digests decide that. */
export interface SanityWarning {
  readonly kind: SanityWarningKind;
  readonly streamId: string;
  readonly position: number;
  readonly message: string;
}


interface PurchaseFacts {
  paid: Money;
  creditPercent: number;
  lastOccurredAt: string;
  lastOccurredMs: number;
  requested: Map<string, Money>;
}

/**
 * Sanity checks over the decoded events of a log, one event at a time, kept apart from the
 * tamper findings: times going backwards within a purchase, event ids whose time disagrees with
 * `occurredAt` (see `deriveEventId`), credits that are not what the purchase's policy grants.
 */
export class SanityChecks {
  readonly warnings: SanityWarning[] = [];
  private readonly purchases = new Map<string, PurchaseFacts>();

  constructor(private readonly names: PurchaseNames) {}

  /** Checks the next event of the global order. */
  push(event: RecordedEvent): void {
    const { streamId, position } = event;
    const occurredAt = event.meta.occurredAt;
    const occurredMs = Date.parse(occurredAt);
    const warn = (kind: SanityWarningKind, words: string) => this.warnings.push({ kind, streamId, position, message: `${this.names.of(streamId)}: ${words} (position ${position})` });
    const idMillis = eventIdMillis(event.eventId);
    if (idMillis !== undefined && idMillis !== occurredMs) {
      warn('event-id-time', `the event's id carries the time ${new Date(idMillis).toISOString()}, but the event says it occurred at ${occurredAt}`);
    }
    let facts = this.purchases.get(streamId);
    if (facts !== undefined && occurredMs < facts.lastOccurredMs) {
      warn('time-went-backwards', `an event dated ${occurredAt} comes after one dated ${facts.lastOccurredAt}: time went backwards within the purchase`);
    }
    if (event.type === 'Purchased' && facts === undefined) {
      facts = { paid: event.data.paid, creditPercent: event.data.cancellationPolicy.creditPercent, lastOccurredAt: occurredAt, lastOccurredMs: occurredMs, requested: new Map() };
      this.purchases.set(streamId, facts);
      return;
    }
    if (facts === undefined) return;
    if (occurredMs > facts.lastOccurredMs) {
      facts.lastOccurredAt = occurredAt;
      facts.lastOccurredMs = occurredMs;
    }
    if (event.type === 'CancelRequested') facts.requested.set(event.data.ticketId, event.data.requestedAmount);
    if (event.type === 'CancelCompleted') this.checkCredit(facts, event.data, warn);
  }

  private checkCredit(facts: PurchaseFacts, data: { ticketId: string; credit: Money; creditPercent: number }, warn: (kind: SanityWarningKind, words: string) => void): void {
    const { paid, creditPercent } = facts;
    const requested = facts.requested.get(data.ticketId) ?? paid;
    const expected = percentOf(requested, creditPercent);
    const ceiling = percentOf(paid, creditPercent);
    const credit = formatMoney(data.credit);
    if (data.credit.currency !== paid.currency) {
      warn('credit-not-policy', `the credit of ${credit} is not in the currency the purchase was paid in (${paid.currency})`);
    } else if (data.creditPercent !== creditPercent || data.credit.amount !== expected.amount || data.credit.amount > ceiling.amount) {
      warn(
        'credit-not-policy',
        `the credit of ${credit} is not ${creditPercent}% of the ${formatMoney(requested)} requested (${formatMoney(expected)} expected; ${formatMoney(paid)} was paid, the event says ${data.creditPercent}%)`,
      );
    }
  }
}
