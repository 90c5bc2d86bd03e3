import type { DomainEvent } from '../events.js';
import { formatMoney } from '../money.js';
import { formatVariant } from '../variants.js';

/** A one-line description of an event for audit trails and timelines; never a product key. */
export function describeEvent(event: DomainEvent): string {
  switch (event.type) {
    case 'Purchased':
      return `bought ${event.data.quantity} x ${event.data.product.title} for ${formatMoney(event.data.paid)} (order ${event.data.orderId})`;
    case 'KeyIssued':
      return `key issued for ${formatVariant(event.data.variant)} (${event.data.fingerprint})`;
    case 'KeyViewed':
      return `key viewed for ${formatVariant(event.data.variant)} by ${event.data.viewer.role} ${event.data.viewer.userId}`;
    case 'Downloaded':
      return `downloaded ${formatVariant(event.data.variant)}`;
    case 'LinkCopied':
      return `download link copied for ${formatVariant(event.data.variant)} (${event.data.linkHost}, ${event.data.linkFingerprint}), expires ${event.data.expiresAt}`;
    case 'CancelRequested':
      return `cancellation requested (${event.data.ticketId}) for ${formatMoney(event.data.requestedAmount)}: ${event.data.refundReason}`;
    case 'CancelCompleted':
      return `cancellation completed (${event.data.ticketId}), credit ${formatMoney(event.data.credit)} (${event.data.creditPercent}%)`;
    case 'CancelRejected':
      return `cancellation rejected (${event.data.ticketId}): ${event.data.reason}`;
    case 'KeyRevoked':
      return `key revoked for ${formatVariant(event.data.variant)} (${event.data.fingerprint})`;
  }
}
