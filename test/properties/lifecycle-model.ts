import { DAY_MS, variantKey, type ErrorCode, type EventType, type PurchaseStatus, type Variant } from '@csp-onprem/domain';
import type { AmountPick, CustomerRefKind, Step } from './arbitraries.js';
import { ALL_VARIANTS, holdsRole, isCustomerGlobalAdmin, isSellerAdmin, partiesOf, type ActorKind, type World } from './world.js';

/** A step made concrete against the model: everything needed to build the command and predict its outcome. */
export type Intent =
  | { readonly type: 'PurchaseSoftware'; readonly purchase: number; readonly actor: ActorKind }
  | {
      readonly type: 'GetKey' | 'DownloadSoftware' | 'CopyDownloadLink';
      readonly purchase: number;
      readonly variant: Variant;
      readonly actor: ActorKind;
    }
  | {
      readonly type: 'RequestCancellation';
      readonly purchase: number;
      readonly by: 'subscription' | 'order' | 'both';
      readonly wrongOrder: boolean;
      readonly customerRef: CustomerRefKind;
      readonly amount: number;
      readonly currency: 'USD' | 'EUR';
      readonly actor: ActorKind;
    }
  | {
      readonly type: 'CompleteCancellation' | 'RejectCancellation';
      readonly purchase: number;
      readonly ticketId: string;
      readonly actor: ActorKind;
    };

/** What DOMAIN.md says a command must lead to. */
export type Expectation =
  | { readonly kind: 'written'; readonly target: number; readonly types: readonly EventType[] }
  | { readonly kind: 'refused'; readonly codes: readonly ErrorCode[] };

/** What the model tracks of one purchase. */
export interface ModelPurchase {
  bought: boolean;
  purchasedAt: number;
  /** Paid amount in USD cents: quantity x unit price. */
  paid: number;
  status: PurchaseStatus;
  /** Issued keys, by variant key. */
  keys: Map<string, Variant>;
  openTicket: { ticketId: string; amount: number } | null;
  tickets: string[];
  completions: number;
  credited: number;
  downloads: number;
  linkCopies: number;
}

/** The variants a product offers, in catalogue order. */
export function offeredVariants(world: World, purchase: number): Variant[] {
  const product = world.purchases[purchase]?.product;
  if (product === undefined) return [];
  return ALL_VARIANTS.filter(
    (v) => product.versions.includes(v.version) && product.languages.includes(v.language) && product.bitness.includes(v.bitness),
  );
}

function amountOf(pick: AmountPick, paid: number): number {
  switch (pick.kind) {
    case 'full':
      return Math.max(1, paid);
    case 'one':
      return 1;
    case 'fraction':
      return Math.max(1, Math.floor((paid * pick.permille) / 1000));
    case 'over':
      return paid + pick.by;
  }
}

const refused = (...codes: ErrorCode[]): Expectation => ({ kind: 'refused', codes });

/** An executable reading of DOMAIN.md's rules: predicts every command's outcome and tracks every purchase. */
export class LifecycleModel {
  readonly purchases: ModelPurchase[];

  constructor(readonly world: World) {
    this.purchases = world.purchases.map((spec) => ({
      bought: false,
      purchasedAt: 0,
      paid: spec.quantity * spec.unitPrice,
      status: 'active',
      keys: new Map(),
      openTicket: null,
      tickets: [],
      completions: 0,
      credited: 0,
      downloads: 0,
      linkCopies: 0,
    }));
  }

  private purchase(index: number): ModelPurchase {
    const p = this.purchases[index];
    if (p === undefined) throw new Error(`no purchase ${index}`);
    return p;
  }

  /** The index of the purchase a step is about. */
  indexOf(step: { purchase: number }): number {
    return step.purchase % this.purchases.length;
  }

  /** The first instant at which a cancellation of the purchase is refused. */
  deadline(index: number): number {
    const windowDays = this.world.purchases[index]?.cancellationPolicy?.windowDays ?? 60;
    return this.purchase(index).purchasedAt + windowDays * DAY_MS;
  }

  /** The credit percent recorded with the purchase. */
  creditPercent(index: number): number {
    return this.world.purchases[index]?.cancellationPolicy?.creditPercent ?? 100;
  }

  /** Makes a command step concrete (variant, amount, ticket id) in the current state. */
  intentOf(step: Exclude<Step, { kind: 'advance' | 'toDeadline' | 'retry' }>): Intent {
    const purchase = this.indexOf(step);
    const p = this.purchase(purchase);
    switch (step.kind) {
      case 'buy':
        return { type: 'PurchaseSoftware', purchase, actor: step.actor };
      case 'variant': {
        const offered = offeredVariants(this.world, purchase);
        const pool = step.offered && offered.length > 0 ? offered : ALL_VARIANTS;
        const variant = pool[step.pick % pool.length] ?? ALL_VARIANTS[0];
        if (variant === undefined) throw new Error('empty catalogue');
        return { type: step.type, purchase, variant, actor: step.actor };
      }
      case 'request':
        return {
          type: 'RequestCancellation',
          purchase,
          by: step.by,
          wrongOrder: step.wrongOrder,
          customerRef: step.customerRef,
          amount: amountOf(step.amount, p.paid),
          currency: step.currency,
          actor: step.actor,
        };
      case 'decide': {
        if (step.ticket === 'open' && p.openTicket === null) {
          // Support works the queue: prefer a purchase that has a ticket open, so that tickets get decided.
          const waiting = this.purchases.findIndex((q) => q.openTicket !== null);
          if (waiting >= 0) return this.intentOf({ ...step, purchase: waiting });
        }
        const bogus = `TKT-${this.world.purchases[purchase]?.subscriptionId}-bogus`;
        const ticketId =
          step.ticket === 'open'
            ? p.openTicket?.ticketId ?? p.tickets[p.tickets.length - 1] ?? bogus
            : step.ticket === 'previous'
              ? p.tickets[0] ?? bogus
              : bogus;
        return { type: step.type, purchase, ticketId, actor: step.actor };
      }
    }
  }

  /** What the command must lead to now, by DOMAIN.md. Where several rules are broken, any of their codes is accepted. */
  expect(intent: Intent, now: number): Expectation {
    const p = this.purchase(intent.purchase);
    const { actor } = intent;
    switch (intent.type) {
      case 'PurchaseSoftware': {
        const codes: ErrorCode[] = [];
        if (!isSellerAdmin(actor)) codes.push('Forbidden');
        if (p.bought) codes.push('DuplicatePurchase');
        return codes.length > 0 ? refused(...codes) : { kind: 'written', target: intent.purchase, types: ['Purchased'] };
      }
      case 'GetKey':
      case 'DownloadSoftware':
      case 'CopyDownloadLink': {
        const customerMay = intent.type !== 'CopyDownloadLink' && isCustomerGlobalAdmin(actor);
        const authorized = isSellerAdmin(actor) || customerMay;
        // One who holds a role that could act, but is no party, is told the purchase does not exist.
        const couldAct = holdsRole(actor, 'AdminAgent') || (intent.type !== 'CopyDownloadLink' && holdsRole(actor, 'GlobalAdmin'));
        if (!p.bought) return authorized || couldAct ? refused('UnknownPurchase') : refused('UnknownPurchase', 'Forbidden');
        if (!authorized) return refused(couldAct ? 'UnknownPurchase' : 'Forbidden');
        // "a cancelled purchase cannot be keyed, downloaded or linked again": nothing else may mask it.
        if (p.status === 'cancelled') return refused('AlreadyCancelled');
        const codes: ErrorCode[] = [];
        const offered = offeredVariants(this.world, intent.purchase).some((v) => variantKey(v) === variantKey(intent.variant));
        if (!offered) codes.push('VariantNotOffered');
        const issued = p.keys.has(variantKey(intent.variant));
        if (intent.type === 'GetKey' && !issued && !isSellerAdmin(actor)) codes.push('Forbidden');
        if (codes.length > 0) return refused(...codes);
        const type: EventType =
          intent.type === 'GetKey' ? (issued ? 'KeyViewed' : 'KeyIssued') : intent.type === 'DownloadSoftware' ? 'Downloaded' : 'LinkCopied';
        return { kind: 'written', target: intent.purchase, types: [type] };
      }
      case 'RequestCancellation':
        return this.expectRequest(intent, now);
      case 'CompleteCancellation':
      case 'RejectCancellation': {
        if (!holdsRole(actor, 'Support')) return refused('Forbidden');
        if (!p.bought) return refused('UnknownPurchase');
        if (p.openTicket === null && p.status === 'cancelled') return refused('AlreadyCancelled', 'UnknownTicket');
        if (p.openTicket === null || p.openTicket.ticketId !== intent.ticketId) return refused('UnknownTicket');
        if (intent.type === 'RejectCancellation') return { kind: 'written', target: intent.purchase, types: ['CancelRejected'] };
        return { kind: 'written', target: intent.purchase, types: ['CancelCompleted', ...[...p.keys.keys()].map((): EventType => 'KeyRevoked')] };
      }
    }
  }

  private expectRequest(intent: Extract<Intent, { type: 'RequestCancellation' }>, now: number): Expectation {
    if (!holdsRole(intent.actor, 'AdminAgent')) return refused('Forbidden');
    const authorized = isSellerAdmin(intent.actor);
    const unknown = authorized ? refused('UnknownPurchase') : refused('UnknownPurchase', 'Forbidden');
    let target = intent.purchase;
    if (intent.by === 'order') {
      // An order id is looked up only among the purchases the actor's own tenant sold.
      if (intent.wrongOrder || !authorized) return refused('UnknownPurchase');
      const order = this.world.purchases[intent.purchase]?.order;
      const bought = this.world.purchases.flatMap((spec, i) => (spec.order === order && this.purchase(i).bought ? [i] : []));
      const only = bought[0];
      if (only === undefined) return unknown;
      if (bought.length > 1) return refused('AmbiguousOrder');
      target = only;
    } else {
      if (!this.purchase(target).bought) return unknown;
      if (intent.by === 'both' && intent.wrongOrder) return unknown;
    }
    // An AdminAgent of another partner: the purchase is not in its namespace.
    if (!authorized) return refused('UnknownPurchase');
    const q = this.purchase(target);
    const codes: ErrorCode[] = [];
    if (intent.customerRef === 'otherTenant' || intent.customerRef === 'otherDomain') codes.push('CustomerMismatch');
    if (q.status === 'cancelled') codes.push('AlreadyCancelled');
    if (q.openTicket !== null) codes.push('CancellationPending');
    if (now >= this.deadline(target)) codes.push('CancellationWindowElapsed');
    if (intent.currency !== 'USD') codes.push('CurrencyMismatch');
    if (intent.amount > q.paid) codes.push('AmountExceedsPaid');
    return codes.length > 0 ? refused(...codes) : { kind: 'written', target, types: ['CancelRequested'] };
  }

  /** Records what a command the engine accepted did. */
  apply(intent: Intent, target: number, now: number, written: readonly { type: string; data: unknown }[]): void {
    const p = this.purchase(target);
    for (const event of written) {
      switch (event.type) {
        case 'Purchased':
          p.bought = true;
          p.purchasedAt = now;
          break;
        case 'KeyIssued':
          if ('variant' in intent) p.keys.set(variantKey(intent.variant), intent.variant);
          break;
        case 'Downloaded':
          p.downloads += 1;
          break;
        case 'LinkCopied':
          p.linkCopies += 1;
          break;
        case 'CancelRequested': {
          const ticketId = (event.data as { ticketId: string }).ticketId;
          p.status = 'cancellation-pending';
          p.openTicket = { ticketId, amount: intent.type === 'RequestCancellation' ? intent.amount : 0 };
          p.tickets.push(ticketId);
          break;
        }
        case 'CancelCompleted':
          p.status = 'cancelled';
          p.completions += 1;
          p.credited += Math.floor(((p.openTicket?.amount ?? 0) * this.creditPercent(target)) / 100);
          p.openTicket = null;
          break;
        case 'CancelRejected':
          p.status = 'active';
          p.openTicket = null;
          break;
      }
    }
  }

  /** The parties of a purchase, for building commands. */
  parties(index: number): ReturnType<typeof partiesOf> {
    return partiesOf(this.world, index);
  }
}
