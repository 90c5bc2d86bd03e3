import type { Command } from '@csp-onprem/domain';
import { globalAdminOf, partner, purchaseCommand, support, VARIANTS, type PurchaseSpec } from '../concurrency/catalog.js';

/** The purchase every run keeps working on, so that each child continues a stream an earlier, killed child wrote. */
export const SHARED: PurchaseSpec = {
  subscriptionId: 'CRASH-SUB-SHARED',
  orderId: 'CRASH-ORD-SHARED',
  customer: { tenantId: 'c0c0c0c0-0000-4000-8000-0000000000a0', domain: 'contoso.onmicrosoft.com' },
};

/** The command that buys the shared purchase: the same command id in every run, so later runs get the earlier result. */
export const buySharedPurchase: Command = purchaseCommand(SHARED, 'crash-purchase-shared');

/** What a step needs from earlier steps of the same lifecycle. */
export interface LifecycleMemory {
  /** The ticket the last `RequestCancellation` of this lifecycle opened. */
  ticketId?: string;
}

const [first, second] = [VARIANTS[0], VARIANTS[3]] as const;

/** The steps of one purchase's life; the cancellation is rejected once on even lifecycles, then completed. */
function steps(spec: PurchaseSpec, rejectFirst: boolean): ((commandId: string, memory: LifecycleMemory) => Command)[] {
  const subscriptionId = spec.subscriptionId;
  const request = (commandId: string): Command => ({
    type: 'RequestCancellation',
    commandId,
    actor: partner,
    customer: { domain: spec.customer.domain },
    subscriptionId,
    refundReason: 'Ordered by mistake',
    requestedAmount: { amount: 150_000, currency: 'USD' },
    impact: 'Low',
    title: `Cancel ${subscriptionId}`,
    contact: { name: 'Adele Admin', email: 'adele.admin@partner.example', phone: '+1 425 555 0100' },
  });
  const ticket = (memory: LifecycleMemory): string => memory.ticketId ?? 'no-ticket-yet';
  return [
    (commandId) => purchaseCommand(spec, commandId),
    (commandId) => ({ type: 'GetKey', commandId, actor: partner, subscriptionId, variant: first }),
    (commandId) => ({ type: 'GetKey', commandId, actor: partner, subscriptionId, variant: second }),
    (commandId) => ({ type: 'GetKey', commandId, actor: globalAdminOf(spec), subscriptionId, variant: first }),
    (commandId) => ({ type: 'DownloadSoftware', commandId, actor: partner, subscriptionId: SHARED.subscriptionId, variant: first }),
    (commandId) => ({ type: 'CopyDownloadLink', commandId, actor: partner, subscriptionId, variant: second }),
    request,
    ...(rejectFirst
      ? [
          (commandId: string, memory: LifecycleMemory): Command => ({
            type: 'RejectCancellation',
            commandId,
            actor: support,
            subscriptionId,
            ticketId: ticket(memory),
            reason: 'Keys already activated',
          }),
          request,
        ]
      : []),
    (commandId, memory) => ({ type: 'CompleteCancellation', commandId, actor: support, subscriptionId, ticketId: ticket(memory) }),
  ];
}

/**
 * The endless command sequence of one child run: purchase after purchase, each taken through
 * keys (two issued, one viewed), a download on the shared purchase, a link copy and a
 * cancellation that ends in `CompleteCancellation` (1 `CancelCompleted` + 2 `KeyRevoked`).
 * Command ids carry the run number, so they are unique across restarts.
 */
export function* lifecycleCommands(run: number, memory: LifecycleMemory): Generator<Command> {
  for (let purchase = 1; ; purchase += 1) {
    const spec: PurchaseSpec = {
      subscriptionId: `CRASH-SUB-R${run}-P${purchase}`,
      orderId: `CRASH-ORD-R${run}-P${purchase}`,
      customer: SHARED.customer,
    };
    let step = 0;
    for (const make of steps(spec, purchase % 2 === 0)) {
      step += 1;
      yield make(`crash-r${run}-p${purchase}-s${step}`, memory);
    }
  }
}
