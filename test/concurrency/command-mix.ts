import type { Command } from '@csp-onprem/domain';
import { globalAdminOf, partner, support, VARIANTS, type PurchaseSpec } from './catalog.js';
import type { Random } from './random.js';

/** The command types a writer draws after the purchases, with their weights: cheap ones dominate. */
const WEIGHTS = [
  ['DownloadSoftware', 45],
  ['CopyDownloadLink', 25],
  ['GetKey', 12],
  ['RequestCancellation', 8],
  ['SettleCancellation', 10],
] as const;

const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

function drawKind(random: Random): (typeof WEIGHTS)[number][0] {
  let roll = random.below(TOTAL_WEIGHT);
  for (const [kind, weight] of WEIGHTS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'DownloadSoftware';
}

/** What a writer knows when it draws its next command. */
export interface MixContext {
  readonly random: Random;
  readonly specs: readonly PurchaseSpec[];
  /** Purchases (by index) whose tickets support may complete; all others' tickets are rejected. */
  readonly completable: number;
  /** The open ticket this writer requested, per subscription id; settled tickets are removed by the caller. */
  readonly tickets: ReadonlyMap<string, string>;
}

/**
 * Draws the next command on a random purchase: downloads and link copies mostly, keys (first
 * issue, then views), cancellation requests, and support settling a ticket this writer opened
 * (completing it on the few completable purchases, which cancels them for good).
 */
export function nextMixedCommand(context: MixContext, commandId: string): Command & { subscriptionId: string } {
  const { random, specs } = context;
  const index = random.below(specs.length);
  const spec = specs[index] ?? specs[0];
  if (spec === undefined) throw new RangeError('no purchases to work on');
  const subscriptionId = spec.subscriptionId;
  const variant = random.pick(VARIANTS);
  const kind = drawKind(random);
  const ticketId = context.tickets.get(subscriptionId);
  if (kind === 'SettleCancellation' && ticketId !== undefined) {
    return index < context.completable
      ? { type: 'CompleteCancellation', commandId, actor: support, subscriptionId, ticketId }
      : { type: 'RejectCancellation', commandId, actor: support, subscriptionId, ticketId, reason: 'Software already deployed' };
  }
  if (kind === 'CopyDownloadLink') return { type: 'CopyDownloadLink', commandId, actor: partner, subscriptionId, variant };
  if (kind === 'GetKey') return { type: 'GetKey', commandId, actor: random.next() < 0.8 ? partner : globalAdminOf(spec), subscriptionId, variant };
  // A writer with no ticket of its own to settle downloads instead.
  if (kind !== 'RequestCancellation') {
    return { type: 'DownloadSoftware', commandId, actor: random.next() < 0.5 ? partner : globalAdminOf(spec), subscriptionId, variant };
  }
  return {
    type: 'RequestCancellation',
    commandId,
    actor: partner,
    customer: { tenantId: spec.customer.tenantId },
    subscriptionId,
    refundReason: 'Customer ordered the wrong edition',
    requestedAmount: { amount: 1 + random.below(150_000), currency: 'USD' },
    impact: 'Customer cannot deploy',
    title: `Cancel ${subscriptionId}`,
    contact: { name: 'Adele Admin', email: 'adele.admin@partner.example', phone: '+1 425 555 0100' },
  };
}
