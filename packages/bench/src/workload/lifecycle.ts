import { ticketIdFor, type Actor, type EventType, type Variant } from '@csp-onprem/domain';
import type { Catalog, CatalogProduct, Customer } from './catalog.js';
import type { Random } from './prng.js';
import type { Expectation } from './work-item.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW_MS = 60 * DAY;

/** One command of a purchase's life, with its time and what it must lead to. */
export interface PlannedCommand {
  readonly at: number;
  readonly command: Readonly<Record<string, unknown>>;
  readonly expect: Expectation;
  readonly events: readonly EventType[];
}

/** The order line a purchase belongs to. */
export interface OrderLine {
  readonly orderId: string;
  /** How many lines the order has: an order id alone names a purchase only when it has one. */
  readonly lines: number;
  readonly customer: Customer;
  readonly at: number;
}

type Action =
  | { kind: 'key'; variant: Variant; actor: Actor; afterRevocation?: true }
  | { kind: 'download'; variant: Variant; actor: Actor }
  | { kind: 'link'; variant: Variant; actor: Actor }
  | { kind: 'request'; actor: Actor; late: boolean }
  | { kind: 'complete' | 'reject'; actor: Actor };

interface Timed {
  at: number;
  action: Action;
  retry: boolean;
}

function variantsOf(random: Random, item: CatalogProduct): Variant[] {
  const { versions, languages, bitness } = item.product;
  const first = { version: versions[0] as string, language: random.pick(languages), bitness: random.pick(bitness) };
  if (!random.chance(0.3)) return [first];
  const second = { version: random.pick(versions), language: random.pick(languages), bitness: random.pick(bitness) };
  const same = second.version === first.version && second.language === first.language && second.bitness === first.bitness;
  return same ? [first] : [first, second];
}

/** Draws the actions of one purchase's life after `t0`, unordered. */
function drawActions(random: Random, catalog: Catalog, line: OrderLine, variants: readonly Variant[], t0: number): Timed[] {
  const admins = line.customer.partner.admins;
  const admin = (): Actor => random.pick(admins);
  const viewer = (): Actor => (random.chance(0.5) ? admin() : line.customer.globalAdmin);
  const out: Timed[] = [];
  const add = (at: number, action: Action): void => {
    out.push({ at, action, retry: false });
    if (random.chance(0.01)) out.push({ at: at + random.int(1000, 30_000), action, retry: true });
  };
  for (const variant of variants) {
    const issuedAt = t0 + random.int(5 * MINUTE, 3 * DAY);
    add(issuedAt, { kind: 'key', variant, actor: admin() });
    for (let i = random.int(0, 6); i > 0; i -= 1) add(issuedAt + random.int(HOUR, 80 * DAY), { kind: 'key', variant, actor: viewer() });
    for (let i = random.int(1, 3); i > 0; i -= 1) add(t0 + random.int(10 * MINUTE, 80 * DAY), { kind: 'download', variant, actor: viewer() });
    for (let i = random.int(0, 2); i > 0; i -= 1) add(t0 + random.int(HOUR, 80 * DAY), { kind: 'link', variant, actor: admin() });
  }
  const support = (): Actor => random.pick(catalog.support);
  if (random.chance(0.15)) {
    let requestedAt = t0 + random.int(DAY, 50 * DAY);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      add(requestedAt, { kind: 'request', actor: admin(), late: false });
      const decidedAt = requestedAt + random.int(2 * HOUR, 5 * DAY);
      const outcome = random.next();
      if (outcome < 0.6) {
        add(decidedAt, { kind: 'complete', actor: support() });
        // Someone tries the key again after it was revoked: refused.
        if (random.chance(0.2)) add(decidedAt + random.int(HOUR, 10 * DAY), { kind: 'key', variant: variants[0] as Variant, actor: viewer(), afterRevocation: true });
        break;
      }
      if (outcome < 0.9) add(decidedAt, { kind: 'reject', actor: support() });
      else break; // left pending: support has not answered yet
      if (!random.chance(0.35)) break;
      requestedAt = decidedAt + random.int(DAY, 8 * DAY);
    }
  } else if (random.chance(0.01)) {
    add(t0 + WINDOW_MS + random.int(DAY, 30 * DAY), { kind: 'request', actor: admin(), late: true });
  }
  return out;
}

/**
 * Plans the whole life of one purchase: buying it, keys issued and viewed, downloads, link
 * copies, and for some a cancellation requested, completed or rejected (and sometimes asked
 * again), with a few retried commands and a few refused ones. The plan is walked in time
 * order with the domain's rules, so each command knows what it must lead to.
 */
export function planPurchase(random: Random, catalog: Catalog, line: OrderLine, subscriptionId: string, t0: number): PlannedCommand[] {
  const item = random.pick(catalog.products);
  const quantity = item.unitPrice > 500_000 ? random.int(1, 4) : random.int(1, 25);
  const paid = quantity * item.unitPrice;
  const variants = variantsOf(random, item);
  const { customer } = line;
  const buyer = random.pick(customer.partner.admins);
  const plan: PlannedCommand[] = [];
  let commandNo = 0;
  const newId = (): string => `${subscriptionId}-c${(commandNo += 1)}`;
  plan.push({
    at: t0,
    expect: 'ok',
    events: ['Purchased'],
    command: {
      type: 'PurchaseSoftware',
      commandId: newId(),
      actor: buyer,
      partnerId: customer.partner.tenantId,
      customer: { tenantId: customer.tenantId, domain: customer.domain },
      orderId: line.orderId,
      subscriptionId,
      product: item.product,
      quantity,
      unitPrice: { amount: item.unitPrice, currency: 'USD' },
    },
  });

  const actions = drawActions(random, catalog, line, variants, t0).sort((a, b) => a.at - b.at);
  const issued = new Set<string>();
  let status: 'active' | 'cancellation-pending' | 'cancelled' = 'active';
  let openTicket: string | null = null;
  let version = 1;
  const earlier = new Map<Action, PlannedCommand>();
  for (const { at, action, retry } of actions) {
    const first = earlier.get(action);
    if (retry) {
      if (first === undefined || first.expect !== 'ok') continue;
      const refused = status === 'cancelled' && first.command['type'] === 'GetKey';
      plan.push({ at, command: first.command, expect: refused ? 'AlreadyCancelled' : 'replayed', events: [] });
      continue;
    }
    const base = { commandId: newId(), actor: action.actor };
    let planned: PlannedCommand;
    switch (action.kind) {
      case 'key':
      case 'download':
      case 'link': {
        // Partner Center stops offering a cancelled purchase's keys and links; only a deliberate probe is tried.
        if (status === 'cancelled' && !(action.kind === 'key' && action.afterRevocation === true)) continue;
        const type = action.kind === 'key' ? 'GetKey' : action.kind === 'download' ? 'DownloadSoftware' : 'CopyDownloadLink';
        const command = { type, ...base, subscriptionId, variant: action.variant };
        const key = `${action.variant.version}|${action.variant.language}|${action.variant.bitness}`;
        // Views are drawn after their key's first issue, so a GlobalAdmin never asks for a new key.
        const event: EventType = action.kind === 'download' ? 'Downloaded' : action.kind === 'link' ? 'LinkCopied' : issued.has(key) ? 'KeyViewed' : 'KeyIssued';
        if (status === 'cancelled') {
          planned = { at, command, expect: 'AlreadyCancelled', events: [] };
        } else {
          if (event === 'KeyIssued') issued.add(key);
          planned = { at, command, expect: 'ok', events: [event] };
        }
        break;
      }
      case 'request': {
        const reference = random.next();
        const byOrder = line.lines === 1 && reference < 0.1;
        const command = {
          type: 'RequestCancellation',
          ...base,
          customer: random.chance(0.7) ? { tenantId: customer.tenantId } : { domain: customer.domain },
          ...(byOrder ? { orderId: line.orderId } : reference < 0.2 ? { orderId: line.orderId, subscriptionId } : { subscriptionId }),
          refundReason: random.pick(['Ordered the wrong edition', 'Customer cancelled the project', 'Duplicate order', 'Licenses no longer needed']),
          requestedAmount: { amount: random.chance(0.8) ? paid : Math.max(1, Math.floor(paid / 2)), currency: 'USD' },
          impact: random.pick(['Low', 'Moderate', 'High']),
          title: `Refund for subscription ${subscriptionId}`,
          contact: { name: 'Partner Billing', email: `billing@partner.example`, phone: '+1 425 555 0100' },
          attachments: random.chance(0.3) ? ['invoice.pdf'] : [],
        };
        if (status === 'cancelled') planned = { at, command, expect: 'AlreadyCancelled', events: [] };
        else if (status === 'cancellation-pending') planned = { at, command, expect: 'CancellationPending', events: [] };
        else if (at >= t0 + WINDOW_MS) planned = { at, command, expect: 'CancellationWindowElapsed', events: [] };
        else {
          openTicket = ticketIdFor(customer.partner.tenantId, subscriptionId, version + 1);
          status = 'cancellation-pending';
          planned = { at, command, expect: 'ok', events: ['CancelRequested'] };
        }
        break;
      }
      case 'complete':
      case 'reject': {
        if (openTicket === null) continue;
        if (action.kind === 'complete') {
          const command = { type: 'CompleteCancellation', ...base, subscriptionId, ticketId: openTicket };
          planned = { at, command, expect: 'ok', events: ['CancelCompleted', ...[...issued].map((): EventType => 'KeyRevoked')] };
          status = 'cancelled';
        } else {
          const command = { type: 'RejectCancellation', ...base, subscriptionId, ticketId: openTicket, reason: 'Outside the refund policy for this product' };
          planned = { at, command, expect: 'ok', events: ['CancelRejected'] };
          status = 'active';
        }
        openTicket = null;
        break;
      }
    }
    version += planned.events.length;
    earlier.set(action, planned);
    plan.push(planned);
  }
  return plan;
}
