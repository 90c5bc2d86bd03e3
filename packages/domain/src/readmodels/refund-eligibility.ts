import type { Money } from '../codecs/money.js';
import { percentOf } from '../money.js';
import { daysLeft } from '../policy.js';
import type { SoftwareItem } from './software-item.js';

/** Why a purchase is or is not eligible for a refund. */
export type EligibilityReason = 'within-window' | 'window-elapsed' | 'cancellation-pending' | 'already-cancelled';

/** Whether a purchase could be cancelled for credit at a given instant. Dates are ISO-8601 strings. */
export interface RefundEligibility {
  subscriptionId: string;
  at: string;
  eligible: boolean;
  reason: EligibilityReason;
  /** The first instant at which a request is refused. */
  deadline: string;
  daysLeft: number;
  creditPercent: number;
  /** What a request made now could be credited at most: the paid amount times the credit percent. */
  refundableAmount: Money;
  paid: Money;
}

function reasonAt(item: SoftwareItem, at: Date): EligibilityReason {
  if (item.status === 'cancelled') return 'already-cancelled';
  if (item.status === 'cancellation-pending') return 'cancellation-pending';
  return at.getTime() < Date.parse(item.cancellableUntil) ? 'within-window' : 'window-elapsed';
}

/** Refund eligibility of a purchase whose item reflects the stream as of `at`. */
export function refundEligibilityOf(item: SoftwareItem, at: Date): RefundEligibility {
  const reason = reasonAt(item, at);
  const eligible = reason === 'within-window';
  const creditPercent = item.cancellationPolicy.creditPercent;
  return {
    subscriptionId: item.subscriptionId,
    at: at.toISOString(),
    eligible,
    reason,
    deadline: item.cancellableUntil,
    daysLeft: eligible ? daysLeft(new Date(item.cancellableUntil), at) : 0,
    creditPercent,
    refundableAmount: eligible ? percentOf(item.paid, creditPercent) : { amount: 0, currency: item.paid.currency },
    paid: item.paid,
  };
}
