import { IllegalStateError, type Command, type Event } from '@event-driven-io/emmett';
import { ticketIdFor } from '@csp-onprem/domain';

// The same lifecycle, written the way Emmett's guides write a decider: commands and events
// as `{ type, data, metadata }`, `decide` returns events or throws, `evolve` returns a new
// state. What a platform would write on Emmett instead of csp-onprem.

/** A variant of a product. */
export interface Variant {
  readonly version: string;
  readonly language: string;
  readonly bitness: string;
}

interface Actor {
  readonly userId: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
}

interface Money {
  readonly amount: number;
  readonly currency: string;
}

interface Product {
  readonly productId: string;
  readonly title: string;
  readonly versions: readonly string[];
  readonly languages: readonly string[];
  readonly bitness: readonly string[];
}

type Meta = { readonly now: Date; readonly actor: Actor; readonly commandId: string };

/** The commands, Emmett style. */
export type CspCommand =
  | Command<'PurchaseSoftware', { partnerId: string; customer: { tenantId: string; domain: string }; orderId: string; subscriptionId: string; product: Product; quantity: number; unitPrice: Money }, Meta>
  | Command<'GetKey' | 'DownloadSoftware' | 'CopyDownloadLink', { subscriptionId: string; variant: Variant; key?: { sealed: string; fingerprint: string }; link?: string }, Meta>
  | Command<'RequestCancellation', { subscriptionId?: string; orderId?: string; customer: { tenantId?: string; domain?: string }; requestedAmount: Money; refundReason: string }, Meta>
  | Command<'CompleteCancellation', { subscriptionId: string; ticketId: string }, Meta>
  | Command<'RejectCancellation', { subscriptionId: string; ticketId: string; reason: string }, Meta>;

type EventMeta = { readonly occurredAt: string; readonly userId: string; readonly commandId: string };

/** The events, Emmett style. */
export type CspEvent =
  | Event<'Purchased', { partnerId: string; customerTenantId: string; customerDomain: string; orderId: string; subscriptionId: string; product: Product; paid: Money }, EventMeta>
  | Event<'KeyIssued', { variant: Variant; sealedKey: string; fingerprint: string }, EventMeta>
  | Event<'KeyViewed', { variant: Variant; fingerprint: string; viewer: string }, EventMeta>
  | Event<'Downloaded', { variant: Variant }, EventMeta>
  | Event<'LinkCopied', { variant: Variant; link: string }, EventMeta>
  | Event<'CancelRequested', { ticketId: string; requestedAmount: Money; refundReason: string }, EventMeta>
  | Event<'CancelCompleted', { ticketId: string; credit: Money }, EventMeta>
  | Event<'CancelRejected', { ticketId: string; reason: string }, EventMeta>
  | Event<'KeyRevoked', { variant: Variant; fingerprint: string; ticketId: string }, EventMeta>;

/** The state of one purchase. */
export interface CspState {
  readonly purchase: { partnerId: string; customerTenantId: string; customerDomain: string; orderId: string; subscriptionId: string; product: Product; paid: Money; purchasedAt: number } | null;
  readonly status: 'active' | 'cancellation-pending' | 'cancelled';
  readonly keys: Readonly<Record<string, { variant: Variant; fingerprint: string; revoked: boolean }>>;
  readonly openTicket: string | null;
  readonly version: number;
  /** Command ids already handled: a retry writes nothing. */
  readonly handled: readonly string[];
}

/** A refusal, with the same stable codes as csp-onprem. */
export class CspRuleError extends IllegalStateError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    // Emmett's error classes reset the prototype to their own; keep this subclass's.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const WINDOW_MS = 60 * 24 * 60 * 60 * 1000;

/** The state of a purchase with no events. */
export const initialState = (): CspState => ({ purchase: null, status: 'active', keys: {}, openTicket: null, version: 0, handled: [] });

/** The key of a variant in the state. */
export const variantKey = (v: Variant): string => `${v.version}|${v.language}|${v.bitness}`;

const refuse = (code: string, message: string): never => {
  throw new CspRuleError(code, message);
};

function role(actor: Actor, allowed: readonly string[], purchase: { partnerId: string; customerTenantId: string }): string {
  for (const r of allowed) {
    if (!actor.roles.includes(r)) continue;
    if (r === 'AdminAgent' && actor.tenantId === purchase.partnerId) return r;
    if (r === 'GlobalAdmin' && actor.tenantId === purchase.customerTenantId) return r;
    if (r === 'Support') return r;
  }
  return refuse('Forbidden', `${actor.userId} may not do this`);
}

function active(state: CspState, subscriptionId: string | undefined) {
  const purchase = state.purchase ?? refuse('UnknownPurchase', `no purchase ${subscriptionId ?? ''}`);
  return purchase;
}

/** What a command leads to, given the purchase's state. Throws a {@link CspRuleError} to refuse. */
export function decide(command: CspCommand, state: CspState): CspEvent[] {
  const { now, actor, commandId } = command.metadata;
  if (state.handled.includes(commandId)) {
    if (command.type === 'GetKey' && state.status === 'cancelled') refuse('AlreadyCancelled', 'the keys are revoked');
    return [];
  }
  const metadata = { occurredAt: now.toISOString(), userId: actor.userId, commandId };
  switch (command.type) {
    case 'PurchaseSoftware': {
      const d = command.data;
      role(actor, ['AdminAgent'], { partnerId: d.partnerId, customerTenantId: d.customer.tenantId });
      if (state.purchase !== null) refuse('DuplicatePurchase', `${d.subscriptionId} was already purchased`);
      const paid = { amount: d.quantity * d.unitPrice.amount, currency: d.unitPrice.currency };
      return [
        {
          type: 'Purchased',
          data: { partnerId: d.partnerId, customerTenantId: d.customer.tenantId, customerDomain: d.customer.domain, orderId: d.orderId, subscriptionId: d.subscriptionId, product: d.product, paid },
          metadata,
        },
      ];
    }
    case 'GetKey':
    case 'DownloadSoftware':
    case 'CopyDownloadLink': {
      const purchase = active(state, command.data.subscriptionId);
      const allowed = command.type === 'CopyDownloadLink' ? ['AdminAgent'] : ['AdminAgent', 'GlobalAdmin'];
      const acting = role(actor, allowed, purchase);
      if (state.status === 'cancelled') refuse('AlreadyCancelled', `${purchase.subscriptionId} is cancelled`);
      const { variant } = command.data;
      const p = purchase.product;
      if (!p.versions.includes(variant.version) || !p.languages.includes(variant.language) || !p.bitness.includes(variant.bitness)) {
        refuse('VariantNotOffered', `${p.title} does not offer ${variantKey(variant)}`);
      }
      if (command.type === 'DownloadSoftware') return [{ type: 'Downloaded', data: { variant }, metadata }];
      if (command.type === 'CopyDownloadLink') return [{ type: 'LinkCopied', data: { variant, link: command.data.link ?? '' }, metadata }];
      const key = state.keys[variantKey(variant)];
      if (key !== undefined) return [{ type: 'KeyViewed', data: { variant, fingerprint: key.fingerprint, viewer: `${acting} ${actor.userId}` }, metadata }];
      if (acting !== 'AdminAgent') refuse('Forbidden', 'only an AdminAgent gets new keys');
      const issued = command.data.key ?? refuse('InvalidCommand', 'no key was provided');
      return [{ type: 'KeyIssued', data: { variant, sealedKey: issued.sealed, fingerprint: issued.fingerprint }, metadata }];
    }
    case 'RequestCancellation': {
      const purchase = active(state, command.data.subscriptionId ?? command.data.orderId);
      role(actor, ['AdminAgent'], purchase);
      const d = command.data;
      if (d.subscriptionId !== undefined && d.subscriptionId !== purchase.subscriptionId) refuse('UnknownPurchase', 'not this purchase');
      if (d.orderId !== undefined && d.orderId !== purchase.orderId) refuse('UnknownPurchase', 'not this order');
      if (d.customer.tenantId !== undefined && d.customer.tenantId !== purchase.customerTenantId) refuse('CustomerMismatch', 'another tenant');
      if (d.customer.domain !== undefined && d.customer.domain !== purchase.customerDomain) refuse('CustomerMismatch', 'another domain');
      if (state.status === 'cancelled') refuse('AlreadyCancelled', `${purchase.subscriptionId} is cancelled`);
      if (state.openTicket !== null) refuse('CancellationPending', `ticket ${state.openTicket} is open`);
      if (now.getTime() >= purchase.purchasedAt + WINDOW_MS) refuse('CancellationWindowElapsed', 'the 60-day window has closed');
      if (d.requestedAmount.currency !== purchase.paid.currency) refuse('CurrencyMismatch', 'another currency');
      if (d.requestedAmount.amount > purchase.paid.amount) refuse('AmountExceedsPaid', 'more than was paid');
      const ticketId = ticketIdFor(purchase.partnerId, purchase.subscriptionId, state.version + 1);
      return [{ type: 'CancelRequested', data: { ticketId, requestedAmount: d.requestedAmount, refundReason: d.refundReason }, metadata }];
    }
    case 'CompleteCancellation':
    case 'RejectCancellation': {
      const purchase = active(state, command.data.subscriptionId);
      role(actor, ['Support'], purchase);
      if (state.openTicket === null && state.status === 'cancelled') refuse('AlreadyCancelled', 'already cancelled');
      if (state.openTicket !== command.data.ticketId) refuse('UnknownTicket', `ticket ${command.data.ticketId} is not open`);
      if (command.type === 'RejectCancellation') return [{ type: 'CancelRejected', data: { ticketId: command.data.ticketId, reason: command.data.reason }, metadata }];
      const ticketId = command.data.ticketId;
      const revoked: CspEvent[] = Object.values(state.keys)
        .filter((key) => !key.revoked)
        .map((key) => ({ type: 'KeyRevoked', data: { variant: key.variant, fingerprint: key.fingerprint, ticketId }, metadata }));
      return [{ type: 'CancelCompleted', data: { ticketId, credit: purchase.paid }, metadata }, ...revoked];
    }
  }
}

/** The state after one more event. */
export function evolve(state: CspState, event: CspEvent): CspState {
  const next = { ...state, version: state.version + 1, handled: state.handled.includes(event.metadata.commandId) ? state.handled : [...state.handled, event.metadata.commandId] };
  switch (event.type) {
    case 'Purchased':
      return { ...next, purchase: { ...event.data, purchasedAt: Date.parse(event.metadata.occurredAt) } };
    case 'KeyIssued':
      return { ...next, keys: { ...state.keys, [variantKey(event.data.variant)]: { variant: event.data.variant, fingerprint: event.data.fingerprint, revoked: false } } };
    case 'CancelRequested':
      return { ...next, status: 'cancellation-pending', openTicket: event.data.ticketId };
    case 'CancelCompleted':
      return { ...next, status: 'cancelled', openTicket: null };
    case 'CancelRejected':
      return { ...next, status: 'active', openTicket: null };
    case 'KeyRevoked': {
      const key = variantKey(event.data.variant);
      const existing = state.keys[key];
      return existing === undefined ? next : { ...next, keys: { ...state.keys, [key]: { ...existing, revoked: true } } };
    }
    case 'KeyViewed':
    case 'Downloaded':
    case 'LinkCopied':
      return next;
  }
}
