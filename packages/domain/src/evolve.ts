import { Immer, type Draft } from 'immer';

// A private Immer instance (no global setting changed): states are treated as immutable by
// every caller, and freezing each new state deeply cost more than the fold itself.
const immer = new Immer({ autoFreeze: false });
import type { DomainEvent } from './events.js';
import type { PurchaseState } from './state.js';
import { variantKey } from './variants.js';

/** A domain event with the instant it was recorded (all `evolve` needs of the metadata). */
export type TimedEvent = DomainEvent & { readonly meta: { readonly occurredAt: string } };

/** Applies one event to a draft of the state; the heart of {@link evolve} and {@link evolveAll}. */
export function applyEvent(draft: Draft<PurchaseState>, event: TimedEvent): void {
  draft.version += 1;
  const at = event.meta.occurredAt;
  switch (event.type) {
    case 'Purchased':
      draft.purchase = { ...event.data, purchasedAt: at };
      draft.status = 'active';
      return;
    case 'KeyIssued':
      draft.keys[variantKey(event.data.variant)] = {
        variant: event.data.variant,
        sealedKey: event.data.sealedKey,
        fingerprint: event.data.fingerprint,
        issuedAt: at,
        revoked: false,
      };
      return;
    case 'CancelRequested':
      draft.status = 'cancellation-pending';
      draft.openTicket = { ticketId: event.data.ticketId, requestedAt: at, requestedAmount: event.data.requestedAmount };
      return;
    case 'CancelCompleted':
      draft.status = 'cancelled';
      draft.openTicket = null;
      draft.completedTicketId = event.data.ticketId;
      return;
    case 'CancelRejected':
      draft.status = 'active';
      draft.openTicket = null;
      return;
    case 'KeyRevoked': {
      const key = draft.keys[variantKey(event.data.variant)];
      if (key) key.revoked = true;
      return;
    }
    case 'KeyViewed':
    case 'Downloaded':
    case 'LinkCopied':
      return;
  }
}

/** The state after one more event (one immer `produce`). */
export function evolve(state: PurchaseState, event: TimedEvent): PurchaseState {
  return immer.produce(state, (draft) => applyEvent(draft, event));
}

/** The state after a whole batch of events, folded in a single immer draft. */
export function evolveAll(state: PurchaseState, events: Iterable<TimedEvent>): PurchaseState {
  return immer.produce(state, (draft) => {
    for (const event of events) applyEvent(draft, event);
  });
}
