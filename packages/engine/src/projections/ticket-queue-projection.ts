import type { Contact, CustomerReference, EventType, Money } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import type { Projection, RestoreOutcome } from './projection.js';
import { sameParties } from './purchase-parties.js';

/** Where a cancellation ticket stands. */
export type TicketStatus = 'open' | 'completed' | 'rejected';

/** One cancellation ticket as the support desk works it: every field the request carried, and how it ended. */
export interface TicketView {
  ticketId: string;
  status: TicketStatus;
  issueType: string;
  subscriptionId: string;
  orderId: string;
  partnerId: string;
  customerTenantId: string;
  /** The customer reference the request gave (tenant GUID and/or domain). */
  customer: CustomerReference;
  /** The order and subscription ids the request named, as it named them. */
  reference: { orderId?: string; subscriptionId?: string };
  refundReason: string;
  requestedAmount: Money;
  impact: string;
  title: string;
  description: string;
  contact: Contact;
  attachments: string[];
  requestedAt: string;
  requestedBy: { userId: string; tenantId: string };
  decidedAt: string | null;
  decidedBy: { userId: string; tenantId: string } | null;
  credit: Money | null;
  creditPercent: number | null;
  rejectionReason: string | null;
}

interface Parties {
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly partnerId: string;
  readonly customerTenantId: string;
}

const PURCHASE = 'purchase:';
const TICKET = 'ticket:';

function isParties(value: unknown): value is Parties {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return ['subscriptionId', 'orderId', 'partnerId', 'customerTenantId'].every((field) => typeof record[field] === 'string');
}

function isTicket(value: unknown): value is TicketView {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return typeof record['ticketId'] === 'string' && ['open', 'completed', 'rejected'].includes(record['status'] as string) && typeof record['requestedAt'] === 'string';
}

/**
 * The support desk's queue: every cancellation ticket with every field its request carried,
 * its purchase's parties and how it ended, by ticket id. Reads the purchase's `Purchased` for
 * its parties, and the three events of a ticket's life.
 */
export class TicketQueueProjection implements Projection {
  readonly name = 'tickets';
  readonly eventTypes: ReadonlySet<EventType> = new Set<EventType>(['Purchased', 'CancelRequested', 'CancelCompleted', 'CancelRejected']);
  /** Tickets by id, in the order they were requested. */
  readonly tickets = new Map<string, TicketView>();
  private readonly parties = new Map<string, Parties>();
  /**
   * Tickets restored from saved documents and not yet confirmed against the log: a restored
   * document decides nothing until then. Every other ticket was made from the log here.
   */
  private readonly unconfirmed = new Set<string>();

  /** Whether a ticket was made from the log here, or confirmed against it (see `confirmTicket`). */
  isConfirmed(ticketId: string): boolean {
    return !this.unconfirmed.has(ticketId);
  }

  /** Records that a restored ticket was checked against the log. */
  confirm(ticketId: string): void {
    this.unconfirmed.delete(ticketId);
  }

  /** Restored tickets are unconfirmed, except those confirmed or folded here before with the same parties (see the software list's `restore`). */
  restore(documents: ReadonlyMap<string, unknown>): RestoreOutcome {
    const confirmedBefore = new Map<string, TicketView>();
    for (const [ticketId, ticket] of this.tickets) if (!this.unconfirmed.has(ticketId)) confirmedBefore.set(ticketId, ticket);
    this.tickets.clear();
    this.parties.clear();
    this.unconfirmed.clear();
    const tickets: TicketView[] = [];
    for (const [key, document] of documents) {
      if (key.startsWith(PURCHASE) && isParties(document)) this.parties.set(key.slice(PURCHASE.length), document);
      else if (key.startsWith(TICKET) && isTicket(document)) tickets.push(document);
      else {
        // A document of another shape is not trusted, nor are the others: fold the log again.
        this.parties.clear();
        return 'rebuild';
      }
    }
    tickets.sort(byRequest);
    for (const ticket of tickets) {
      this.tickets.set(ticket.ticketId, ticket);
      const known = confirmedBefore.get(ticket.ticketId);
      if (known === undefined || !sameParties(known, ticket)) this.unconfirmed.add(ticket.ticketId);
    }
    return 'restored';
  }

  apply(event: RecordedEvent): string | undefined {
    switch (event.type) {
      case 'Purchased': {
        if (event.version !== 1 || this.parties.has(event.streamId)) return undefined;
        const { subscriptionId, orderId, partnerId, customer } = event.data;
        this.parties.set(event.streamId, { subscriptionId, orderId, partnerId, customerTenantId: customer.tenantId.toLowerCase() });
        return `${PURCHASE}${event.streamId}`;
      }
      case 'CancelRequested': {
        const parties = this.parties.get(event.streamId);
        if (parties === undefined || this.tickets.has(event.data.ticketId)) return undefined;
        const d = event.data;
        this.tickets.set(d.ticketId, {
          ticketId: d.ticketId,
          status: 'open',
          issueType: d.issueType,
          ...parties,
          customer: d.customer,
          reference: { ...(d.orderId === undefined ? {} : { orderId: d.orderId }), ...(d.subscriptionId === undefined ? {} : { subscriptionId: d.subscriptionId }) },
          refundReason: d.refundReason,
          requestedAmount: d.requestedAmount,
          impact: d.impact,
          title: d.title,
          description: d.description,
          contact: d.contact,
          attachments: [...d.attachments],
          requestedAt: event.meta.occurredAt,
          requestedBy: { userId: event.meta.actor.userId, tenantId: event.meta.actor.tenantId },
          decidedAt: null,
          decidedBy: null,
          credit: null,
          creditPercent: null,
          rejectionReason: null,
        });
        return `${TICKET}${d.ticketId}`;
      }
      case 'CancelCompleted':
      case 'CancelRejected': {
        const ticket = this.tickets.get(event.data.ticketId);
        if (ticket === undefined || ticket.status !== 'open') return undefined;
        ticket.decidedAt = event.meta.occurredAt;
        ticket.decidedBy = { userId: event.meta.actor.userId, tenantId: event.meta.actor.tenantId };
        if (event.type === 'CancelCompleted') Object.assign(ticket, { status: 'completed', credit: event.data.credit, creditPercent: event.data.creditPercent });
        else Object.assign(ticket, { status: 'rejected', rejectionReason: event.data.reason });
        return `${TICKET}${ticket.ticketId}`;
      }
      default:
        return undefined;
    }
  }

  document(key: string): unknown {
    return key.startsWith(PURCHASE) ? this.parties.get(key.slice(PURCHASE.length)) : this.tickets.get(key.slice(TICKET.length));
  }
}

/** Oldest request first; ticket id breaks ties. */
export function byRequest(a: TicketView, b: TicketView): number {
  return a.requestedAt.localeCompare(b.requestedAt) || a.ticketId.localeCompare(b.ticketId);
}
