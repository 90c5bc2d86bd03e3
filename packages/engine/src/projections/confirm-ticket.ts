import * as E from 'fp-ts/lib/Either.js';
import type { EngineError } from '../engine-error.js';
import type { EventStore } from '../store/event-store.js';
import { readStreamEvents } from '../stream-loader.js';
import { checkClaimedParties } from './purchase-parties.js';
import { readModelMismatch } from './read-model-mismatch.js';
import type { TicketView } from './ticket-queue-projection.js';

/**
 * Checks a restored ticket against the log: one of the streams the purchase index names for it
 * must hold its `CancelRequested`, and that stream's `Purchased` event the ticket's parties.
 * Right when it holds; otherwise `ReadModelMismatch`, so that an edited ticket document never
 * decides which partner or customer sees it.
 */
export async function confirmTicket(store: EventStore, streamIds: readonly string[], ticket: TicketView): Promise<E.Either<EngineError, void>> {
  for (const streamId of streamIds) {
    const events = await readStreamEvents(store, streamId);
    if (E.isLeft(events)) return events;
    const requested = events.right.some((event) => event.type === 'CancelRequested' && event.data.ticketId === ticket.ticketId);
    if (!requested || events.right[0]?.type !== 'Purchased') continue;
    return checkClaimedParties('tickets', streamId, ticket, events.right, `ticket ${ticket.ticketId}: `);
  }
  return E.left(readModelMismatch('tickets', streamIds[0] ?? '(none)', `ticket ${ticket.ticketId} was not requested on any purchase the log holds for it`));
}
