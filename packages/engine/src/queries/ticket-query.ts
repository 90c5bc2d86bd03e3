import * as E from 'fp-ts/lib/Either.js';
import { readScope, ruleError, Role } from '@csp-onprem/domain';
import type { EngineError } from '../engine-error.js';
import { confirmTicket } from '../projections/confirm-ticket.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import type { PurchaseIndexProjection } from '../projections/purchase-index-projection.js';
import type { EventStore } from '../store/event-store.js';
import { byRequest, type TicketQueueProjection, type TicketStatus, type TicketView } from '../projections/ticket-queue-projection.js';
import { checkOneOf, checkTenant, decodeActor, readOptions } from './query-input.js';

/** Which tickets to list. */
export interface TicketQueryOptions {
  /** Only tickets in this state (the support desk's queue is `open`). */
  readonly status?: TicketStatus;
  /** Only this customer's tickets. */
  readonly customerTenantId?: string;
}

/** What a ticket query reads: the queue, and the log and purchase index to confirm restored tickets. */
export interface TicketQueryDeps {
  readonly store: EventStore;
  readonly ticketRunner: ProjectionRunner;
  readonly ticketQueue: TicketQueueProjection;
  readonly indexRunner: ProjectionRunner;
  readonly purchaseIndex: PurchaseIndexProjection;
}

/** Confirms against the log every restored ticket a reader who does not see all would be shown (see `confirmTicket`). */
async function confirmRestored(deps: TicketQueryDeps, tickets: readonly TicketView[]): Promise<E.Either<EngineError, void>> {
  const unconfirmed = tickets.filter((ticket) => !deps.ticketQueue.isConfirmed(ticket.ticketId));
  if (unconfirmed.length === 0) return E.right(undefined);
  const caughtUp = await deps.indexRunner.catchUp({ save: 'when-due' });
  if (E.isLeft(caughtUp)) return caughtUp;
  for (const ticket of unconfirmed) {
    const confirmed = await confirmTicket(deps.store, deps.purchaseIndex.withTicket(ticket.ticketId).map((ref) => ref.streamId), ticket);
    if (E.isLeft(confirmed)) return confirmed;
    deps.ticketQueue.confirm(ticket.ticketId);
  }
  return E.right(undefined);
}

const STATUSES: readonly TicketStatus[] = ['open', 'completed', 'rejected'];

/**
 * The cancellation tickets the actor may see, oldest request first: Support and Auditors see
 * every ticket, a partner's AdminAgent the tickets of what its tenant sold, a customer's
 * GlobalAdmin its own tenant's.
 */
export async function ticketQuery(deps: TicketQueryDeps, actorInput: unknown, options?: TicketQueryOptions): Promise<E.Either<EngineError, TicketView[]>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  const read = readOptions(options, ['status', 'customerTenantId']);
  if (E.isLeft(read)) return read;
  const status = read.right.status === undefined ? E.right(undefined) : checkOneOf(read.right.status, STATUSES, 'status');
  if (E.isLeft(status)) return status;
  const tenant = read.right.customerTenantId === undefined ? E.right(undefined) : checkTenant(read.right.customerTenantId, 'customerTenantId');
  if (E.isLeft(tenant)) return tenant;
  const { roles, tenantId } = actor.right;
  const seesAll = roles.includes(Role.Support) || roles.includes(Role.Auditor);
  if (!seesAll && readScope(actor.right, tenantId).kind === 'none') {
    return E.left(ruleError('Forbidden', `${actor.right.userId} may not read cancellation tickets: only Support, an Auditor, an AdminAgent of the selling partner or a GlobalAdmin of the customer tenant may`));
  }
  const caughtUp = await deps.ticketRunner.catchUp();
  if (E.isLeft(caughtUp)) return caughtUp;
  const visible = (ticket: TicketView): boolean =>
    seesAll || (roles.includes(Role.AdminAgent) && ticket.partnerId === tenantId) || (roles.includes(Role.GlobalAdmin) && ticket.customerTenantId === tenantId);
  const tickets = [...deps.ticketQueue.tickets.values()].filter(
    (ticket) => visible(ticket) && (status.right === undefined || ticket.status === status.right) && (tenant.right === undefined || ticket.customerTenantId === tenant.right),
  );
  // Who sees a ticket is decided by its parties: a restored document's must be the log's own.
  if (!seesAll) {
    const confirmed = await confirmRestored(deps, tickets);
    if (E.isLeft(confirmed)) return confirmed;
  }
  return E.right(tickets.sort(byRequest).map((ticket) => structuredClone(ticket)));
}
