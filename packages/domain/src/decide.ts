import * as E from 'fp-ts/lib/Either.js';
import type { SealedKey } from './codecs/sealed-key.js';
import type { Variant } from './codecs/variant.js';
import type {
  Command,
  CompleteCancellation,
  CopyDownloadLink,
  DownloadSoftware,
  GetKey,
  PurchaseSoftware,
  RejectCancellation,
  RequestCancellation,
} from './commands.js';
import { invalidCommand } from './decode.js';
import { MAX_ID_LENGTH } from './codecs/primitives.js';
import { ruleError, type DomainError } from './errors.js';
import { CANCELLATION_ISSUE_TYPE, type DomainEvent, type EventOf } from './events.js';
import { formatMoney, multiplyMoney, percentOf } from './money.js';
import { cancellationDeadline, DEFAULT_CANCELLATION_POLICY, isWithinWindow } from './policy.js';
import { authorizeCommand, Role } from './roles.js';
import type { PurchaseFacts, PurchaseState } from './state.js';
import { formatVariant, isVariantOffered, variantKey } from './variants.js';

/** A freshly issued product key, already sealed by the handler. */
export interface ProvidedKey {
  readonly sealedKey: SealedKey;
  readonly fingerprint: string;
}

/** What the log keeps of a download link the link provider made (never the link itself). */
export interface ProvidedLink {
  /** `sha256:` and 16 hex digits of the link's SHA-256. */
  readonly fingerprint: string;
  readonly host: string;
  readonly expiresAt: string;
}

/** What `decide` may use besides the command and the state: the time and provided values. */
export interface DecideContext {
  /** The injected clock's reading; no rule reads the wall clock. */
  readonly now: Date;
  /** Set by the handler after a `provide: productKey` decision. */
  readonly productKey?: ProvidedKey;
  /** Set by the handler after a `provide: downloadLink` decision. */
  readonly downloadLink?: ProvidedLink;
}

/** What a command leads to: events to append, or a value the handler must obtain first. */
export type Decision =
  | { readonly kind: 'emit'; readonly actingRole: Role; readonly events: readonly DomainEvent[] }
  | {
      readonly kind: 'provide';
      readonly actingRole: Role;
      readonly need: 'productKey' | 'downloadLink';
      readonly variant: Variant;
    };

type Decided = E.Either<DomainError, Decision>;

const emit = (actingRole: Role, ...events: DomainEvent[]): Decided => E.right({ kind: 'emit', actingRole, events });

function existing(state: PurchaseState, subscriptionId: string | undefined): E.Either<DomainError, PurchaseFacts> {
  return state.purchase === null
    ? E.left(ruleError('UnknownPurchase', `no purchase with subscription id ${subscriptionId ?? '(none given)'}`))
    : E.right(state.purchase);
}

function notCancelled(state: PurchaseState, purchase: PurchaseFacts): E.Either<DomainError, PurchaseFacts> {
  return state.status === 'cancelled'
    ? E.left(ruleError('AlreadyCancelled', `subscription ${purchase.subscriptionId} is cancelled`))
    : E.right(purchase);
}

function offered(purchase: PurchaseFacts, variant: Variant): E.Either<DomainError, Variant> {
  if (isVariantOffered(purchase.product, variant)) return E.right(variant);
  const p = purchase.product;
  return E.left(
    ruleError(
      'VariantNotOffered',
      `${p.title} does not offer ${formatVariant(variant)} (versions ${p.versions.join(', ')}; languages ${p.languages.join(', ')}; ${p.bitness.join(', ')})`,
    ),
  );
}

/** Loads the purchase, checks the actor and that it is still active and offers the variant. */
function activeVariant(
  command: GetKey | DownloadSoftware | CopyDownloadLink,
  state: PurchaseState,
): E.Either<DomainError, { purchase: PurchaseFacts; role: Role }> {
  const purchase = existing(state, command.subscriptionId);
  if (E.isLeft(purchase)) return purchase;
  const role = authorizeCommand(command.type, command.actor, purchase.right);
  if (E.isLeft(role)) return role;
  const active = notCancelled(state, purchase.right);
  if (E.isLeft(active)) return active;
  const variant = offered(purchase.right, command.variant);
  if (E.isLeft(variant)) return variant;
  return E.right({ purchase: purchase.right, role: role.right });
}

function purchaseSoftware(command: PurchaseSoftware, state: PurchaseState): Decided {
  const role = authorizeCommand(command.type, command.actor, command);
  if (E.isLeft(role)) return role;
  if (state.purchase !== null) {
    return E.left(ruleError('DuplicatePurchase', `subscription ${command.subscriptionId} was already purchased`));
  }
  const paid = multiplyMoney(command.unitPrice, command.quantity);
  if (paid === undefined) {
    return E.left(
      invalidCommand([{ path: 'quantity', expected: 'quantity x unitPrice.amount within a safe integer', found: String(command.quantity) }]),
    );
  }
  return emit(role.right, {
    type: 'Purchased',
    data: {
      partnerId: command.partnerId,
      customer: command.customer,
      orderId: command.orderId,
      subscriptionId: command.subscriptionId,
      product: command.product,
      quantity: command.quantity,
      unitPrice: command.unitPrice,
      paid,
      cancellationPolicy: command.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY,
    },
  });
}

function getKey(command: GetKey, state: PurchaseState, ctx: DecideContext): Decided {
  const checked = activeVariant(command, state);
  if (E.isLeft(checked)) return checked;
  const { role } = checked.right;
  const key = state.keys[variantKey(command.variant)];
  if (key !== undefined) {
    const viewer = { userId: command.actor.userId, tenantId: command.actor.tenantId, role };
    return emit(role, { type: 'KeyViewed', data: { variant: key.variant, fingerprint: key.fingerprint, viewer } });
  }
  if (role !== Role.AdminAgent) {
    return E.left(
      ruleError('Forbidden', `no key has been issued for ${formatVariant(command.variant)} yet: only an AdminAgent can get new keys`),
    );
  }
  if (ctx.productKey === undefined) return E.right({ kind: 'provide', actingRole: role, need: 'productKey', variant: command.variant });
  return emit(role, { type: 'KeyIssued', data: { variant: command.variant, ...ctx.productKey } });
}

function downloadSoftware(command: DownloadSoftware, state: PurchaseState): Decided {
  const checked = activeVariant(command, state);
  if (E.isLeft(checked)) return checked;
  return emit(checked.right.role, { type: 'Downloaded', data: { variant: command.variant } });
}

function copyDownloadLink(command: CopyDownloadLink, state: PurchaseState, ctx: DecideContext): Decided {
  const checked = activeVariant(command, state);
  if (E.isLeft(checked)) return checked;
  const { role } = checked.right;
  if (ctx.downloadLink === undefined) return E.right({ kind: 'provide', actingRole: role, need: 'downloadLink', variant: command.variant });
  return emit(role, {
    type: 'LinkCopied',
    data: { variant: command.variant, linkFingerprint: ctx.downloadLink.fingerprint, linkHost: ctx.downloadLink.host, expiresAt: ctx.downloadLink.expiresAt },
  });
}

function referencesMatch(command: RequestCancellation, purchase: PurchaseFacts): E.Either<DomainError, PurchaseFacts> {
  if (command.subscriptionId !== undefined && command.subscriptionId !== purchase.subscriptionId) {
    return E.left(ruleError('UnknownPurchase', `subscription ${command.subscriptionId} is not this purchase`));
  }
  if (command.orderId !== undefined && command.orderId !== purchase.orderId) {
    return E.left(
      ruleError('UnknownPurchase', `order ${command.orderId} does not hold subscription ${purchase.subscriptionId}`),
    );
  }
  const { tenantId, domain } = command.customer;
  if (tenantId !== undefined && tenantId.toLowerCase() !== purchase.customer.tenantId.toLowerCase()) {
    return E.left(ruleError('CustomerMismatch', `customer tenant ${tenantId} did not buy subscription ${purchase.subscriptionId}`));
  }
  if (domain !== undefined && domain.toLowerCase() !== purchase.customer.domain.toLowerCase()) {
    return E.left(ruleError('CustomerMismatch', `customer domain ${domain} did not buy subscription ${purchase.subscriptionId}`));
  }
  return E.right(purchase);
}

/**
 * The ticket id of a request: `TKT-<partnerId>-<subscriptionId>-<version>`, unique across the
 * whole log because a purchase is keyed by its selling partner and subscription id, and a
 * stream version is never reused; or, when a long subscription id would make it longer than
 * an identifier may be, a stable digest of the subscription id in its place.
 */
export function ticketIdFor(partnerId: string, subscriptionId: string, version: number): string {
  const plain = `TKT-${partnerId}-${subscriptionId}-${version}`;
  if (plain.length <= MAX_ID_LENGTH) return plain;
  let digest = 0x811c9dc5;
  for (let i = 0; i < subscriptionId.length; i += 1) digest = Math.imul(digest ^ subscriptionId.charCodeAt(i), 0x01000193) >>> 0;
  return `TKT-${partnerId}-${subscriptionId.slice(0, 110)}~${digest.toString(16).padStart(8, '0')}-${version}`;
}

function describeTicket(command: RequestCancellation, purchase: PurchaseFacts): string {
  const customer = [command.customer.tenantId, command.customer.domain].filter(Boolean).join(' / ');
  const reference = [
    command.orderId && `order ${command.orderId}`,
    command.subscriptionId && `subscription ${command.subscriptionId}`,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `Customer: ${customer}`,
    `Reference: ${reference || `subscription ${purchase.subscriptionId}`}`,
    `Refund reason: ${command.refundReason}`,
    `Requested amount: ${formatMoney(command.requestedAmount)}`,
  ].join('\n');
}

function requestCancellation(command: RequestCancellation, state: PurchaseState, ctx: DecideContext): Decided {
  const found = existing(state, command.subscriptionId ?? command.orderId);
  if (E.isLeft(found)) return found;
  const purchase = found.right;
  const role = authorizeCommand(command.type, command.actor, purchase);
  if (E.isLeft(role)) return role;
  const matched = referencesMatch(command, purchase);
  if (E.isLeft(matched)) return matched;
  const active = notCancelled(state, purchase);
  if (E.isLeft(active)) return active;
  if (state.openTicket !== null) {
    return E.left(
      ruleError('CancellationPending', `ticket ${state.openTicket.ticketId} for subscription ${purchase.subscriptionId} is still open`),
    );
  }
  const policy = purchase.cancellationPolicy;
  if (!isWithinWindow(new Date(purchase.purchasedAt), policy, ctx.now)) {
    const deadline = cancellationDeadline(new Date(purchase.purchasedAt), policy).toISOString();
    return E.left(
      ruleError(
        'CancellationWindowElapsed',
        `the ${policy.windowDays}-day cancellation window of subscription ${purchase.subscriptionId} closed at ${deadline}`,
      ),
    );
  }
  if (command.requestedAmount.currency !== purchase.paid.currency) {
    return E.left(
      ruleError('CurrencyMismatch', `requested ${command.requestedAmount.currency}, but the purchase was paid in ${purchase.paid.currency}`),
    );
  }
  if (command.requestedAmount.amount > purchase.paid.amount) {
    return E.left(
      ruleError('AmountExceedsPaid', `requested ${formatMoney(command.requestedAmount)}, but only ${formatMoney(purchase.paid)} was paid`),
    );
  }
  const event: EventOf<'CancelRequested'> = {
    type: 'CancelRequested',
    data: {
      ticketId: ticketIdFor(purchase.partnerId, purchase.subscriptionId, state.version + 1),
      issueType: CANCELLATION_ISSUE_TYPE,
      customer: command.customer,
      ...(command.orderId !== undefined ? { orderId: command.orderId } : {}),
      ...(command.subscriptionId !== undefined ? { subscriptionId: command.subscriptionId } : {}),
      refundReason: command.refundReason,
      requestedAmount: command.requestedAmount,
      impact: command.impact,
      title: command.title,
      description: describeTicket(command, purchase),
      contact: command.contact,
      attachments: command.attachments ?? [],
    },
  };
  return emit(role.right, event);
}

function openTicketOf(
  command: CompleteCancellation | RejectCancellation,
  state: PurchaseState,
): E.Either<DomainError, { purchase: PurchaseFacts; role: Role; requested: NonNullable<PurchaseState['openTicket']> }> {
  const found = existing(state, command.subscriptionId);
  if (E.isLeft(found)) return found;
  const role = authorizeCommand(command.type, command.actor, found.right);
  if (E.isLeft(role)) return role;
  if (command.subscriptionId !== undefined && command.subscriptionId !== found.right.subscriptionId) {
    return E.left(ruleError('UnknownTicket', `ticket ${command.ticketId} is not a ticket of subscription ${command.subscriptionId}`));
  }
  const ticket = state.openTicket;
  const { subscriptionId } = found.right;
  if (ticket === null && state.status === 'cancelled') {
    return E.left(ruleError('AlreadyCancelled', `subscription ${subscriptionId} is already cancelled`));
  }
  if (ticket === null || ticket.ticketId !== command.ticketId) {
    return E.left(ruleError('UnknownTicket', `ticket ${command.ticketId} is not open for subscription ${subscriptionId}`));
  }
  return E.right({ purchase: found.right, role: role.right, requested: ticket });
}

function completeCancellation(command: CompleteCancellation, state: PurchaseState): Decided {
  const found = openTicketOf(command, state);
  if (E.isLeft(found)) return found;
  const { purchase, role, requested } = found.right;
  const creditPercent = purchase.cancellationPolicy.creditPercent;
  const revocations: DomainEvent[] = Object.values(state.keys)
    .filter((key) => !key.revoked)
    .map((key) => ({ type: 'KeyRevoked', data: { variant: key.variant, fingerprint: key.fingerprint, ticketId: command.ticketId } }));
  return emit(
    role,
    { type: 'CancelCompleted', data: { ticketId: command.ticketId, credit: percentOf(requested.requestedAmount, creditPercent), creditPercent } },
    ...revocations,
  );
}

function rejectCancellation(command: RejectCancellation, state: PurchaseState): Decided {
  const found = openTicketOf(command, state);
  if (E.isLeft(found)) return found;
  return emit(found.right.role, { type: 'CancelRejected', data: { ticketId: command.ticketId, reason: command.reason } });
}

/**
 * The decider: what a command leads to, given the purchase's state and the context.
 * Pure: the same inputs always give the same decision, and no I/O happens here.
 */
export function decide(command: Command, state: PurchaseState, ctx: DecideContext): Decided {
  switch (command.type) {
    case 'PurchaseSoftware':
      return purchaseSoftware(command, state);
    case 'GetKey':
      return getKey(command, state, ctx);
    case 'DownloadSoftware':
      return downloadSoftware(command, state);
    case 'CopyDownloadLink':
      return copyDownloadLink(command, state, ctx);
    case 'RequestCancellation':
      return requestCancellation(command, state, ctx);
    case 'CompleteCancellation':
      return completeCancellation(command, state);
    case 'RejectCancellation':
      return rejectCancellation(command, state);
  }
}
