import * as E from 'fp-ts/lib/Either.js';
import { formatMoney, multiplyMoney, type Money } from '@csp-onprem/domain';
import { actors, northwind, ticketContact } from './cast.js';
import { narrate, type DemoContext } from './context.js';
import type { StoryPurchase } from './purchases.js';
import { eventTypes, expectRefusal, perform, streamVersion, writtenEvent, type CommandBody, type DemoFailure } from './steps.js';

/** How the partner names the purchase on the ticket: by subscription id and tenant GUID, or by order id and domain. */
export type TicketReference = 'subscription' | 'order';

function paidFor(purchase: StoryPurchase): Money {
  return multiplyMoney(purchase.entry.unitPrice, purchase.quantity) ?? purchase.entry.unitPrice;
}

function cancellationTicket(purchase: StoryPurchase, reference: TicketReference, refundReason: string): CommandBody {
  const target =
    reference === 'subscription'
      ? { customer: { tenantId: purchase.customer.tenantId }, subscriptionId: purchase.subscriptionId }
      : { customer: { domain: purchase.customer.domain }, orderId: purchase.orderId };
  return {
    type: 'RequestCancellation',
    ...target,
    refundReason,
    requestedAmount: paidFor(purchase),
    impact: 'Low: the software is not in production yet',
    title: `Cancel ${purchase.entry.product.title} for ${purchase.customer.domain}`,
    contact: ticketContact,
    attachments: ['purchase-confirmation.pdf'],
  };
}

/** The partner's AdminAgent opens a cancellation ticket for the full amount paid; answers the ticket id. */
export async function requestCancellation(
  ctx: DemoContext,
  step: string,
  purchase: StoryPurchase,
  reference: TicketReference,
  refundReason: string,
): Promise<E.Either<DemoFailure, string>> {
  const executed = await perform(ctx, step, actors.partnerAdmin, cancellationTicket(purchase, reference, refundReason));
  if (E.isLeft(executed)) return executed;
  const requested = writtenEvent(executed.right, 'CancelRequested');
  if (requested === undefined) return E.left({ code: 'UnexpectedOutcome', message: 'the request wrote no CancelRequested event', step });
  const by = reference === 'subscription' ? `subscription ${purchase.subscriptionId}` : `order ${purchase.orderId} (${purchase.customer.domain})`;
  narrate(
    ctx,
    actors.partnerAdmin,
    `requested cancellation of ${purchase.entry.product.title} by ${by} for ${formatMoney(requested.data.requestedAmount)} -> ${eventTypes(executed.right)} ${requested.data.ticketId}`,
  );
  return E.right(requested.data.ticketId);
}

/** Support completes the ticket: credit is granted and every key of the purchase is revoked. */
export async function completeCancellation(ctx: DemoContext, step: string, purchase: StoryPurchase, ticketId: string): Promise<E.Either<DemoFailure, void>> {
  const executed = await perform(ctx, step, actors.support, { type: 'CompleteCancellation', subscriptionId: purchase.subscriptionId, ticketId });
  if (E.isLeft(executed)) return executed;
  const completed = writtenEvent(executed.right, 'CancelCompleted');
  const revoked = executed.right.events.filter((event) => event.type === 'KeyRevoked').length;
  const credit = completed === undefined ? '' : `credit ${formatMoney(completed.data.credit)} (${completed.data.creditPercent}% credit), `;
  narrate(ctx, actors.support, `completed ${ticketId}: ${credit}${revoked} key(s) revoked -> ${eventTypes(executed.right)}`);
  return E.right(undefined);
}

/** Support rejects the ticket: the purchase stays active. */
export async function rejectCancellation(
  ctx: DemoContext,
  step: string,
  purchase: StoryPurchase,
  ticketId: string,
  reason: string,
): Promise<E.Either<DemoFailure, void>> {
  const executed = await perform(ctx, step, actors.support, { type: 'RejectCancellation', subscriptionId: purchase.subscriptionId, ticketId, reason });
  if (E.isLeft(executed)) return executed;
  narrate(ctx, actors.support, `rejected ${ticketId}: ${reason}; ${purchase.subscriptionId} stays active -> ${eventTypes(executed.right)}`);
  return E.right(undefined);
}

/** A cancellation asked for after the window closed: refused with `CancellationWindowElapsed`, and the stream is unchanged. */
export async function refusedAfterWindow(ctx: DemoContext, step: string, purchase: StoryPurchase, refundReason: string): Promise<E.Either<DemoFailure, void>> {
  const before = await streamVersion(ctx, step, northwind.tenantId, purchase.subscriptionId);
  if (E.isLeft(before)) return before;
  const refused = await expectRefusal(ctx, step, actors.partnerAdmin, cancellationTicket(purchase, 'subscription', refundReason), 'CancellationWindowElapsed');
  if (E.isLeft(refused)) return refused;
  const after = await streamVersion(ctx, step, northwind.tenantId, purchase.subscriptionId);
  if (E.isLeft(after)) return after;
  if (after.right !== before.right) {
    return E.left({ code: 'UnexpectedOutcome', message: `the refused request changed the stream from version ${before.right} to ${after.right}`, step });
  }
  narrate(
    ctx,
    actors.partnerAdmin,
    `requested cancellation of ${purchase.subscriptionId}: refused ${refused.right.code}: ${refused.right.message}; nothing written (stream still at version ${after.right})`,
  );
  return E.right(undefined);
}
