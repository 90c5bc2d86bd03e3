import type { LifecycleModel, Intent } from './lifecycle-model.js';
import { actorFor } from './world.js';

/** The JSON a platform would send for an intent, with the given command id. */
export function commandJson(model: LifecycleModel, intent: Intent, commandId: string): Record<string, unknown> {
  const { world } = model;
  const spec = world.purchases[intent.purchase];
  if (spec === undefined) throw new Error(`no purchase ${intent.purchase}`);
  const { partnerId, customer, orderId } = model.parties(intent.purchase);
  const base = { type: intent.type, commandId, actor: actorFor(world, intent.purchase, intent.actor) };
  switch (intent.type) {
    case 'PurchaseSoftware':
      return {
        ...base,
        partnerId,
        customer: { tenantId: customer.tenantId, domain: customer.domain },
        orderId,
        subscriptionId: spec.subscriptionId,
        product: spec.product,
        quantity: spec.quantity,
        unitPrice: { amount: spec.unitPrice, currency: 'USD' },
        ...(spec.cancellationPolicy === undefined ? {} : { cancellationPolicy: spec.cancellationPolicy }),
      };
    case 'GetKey':
    case 'DownloadSoftware':
    case 'CopyDownloadLink':
      return { ...base, subscriptionId: spec.subscriptionId, variant: intent.variant };
    case 'RequestCancellation': {
      const other = model.parties((intent.purchase + 1) % world.purchases.length).customer;
      const mismatching = other.tenantId === customer.tenantId ? { tenantId: 'deadbeef-0000-4000-8000-000000000000', domain: 'nobody.example.net' } : other;
      const ref = {
        tenant: { tenantId: customer.tenantId },
        upperTenant: { tenantId: customer.tenantId.toUpperCase() },
        domain: { domain: customer.domain },
        both: { tenantId: customer.tenantId, domain: customer.domain },
        otherTenant: { tenantId: mismatching.tenantId, domain: customer.domain },
        otherDomain: { tenantId: customer.tenantId, domain: mismatching.domain },
      }[intent.customerRef];
      const order = intent.wrongOrder ? { orderId: 'ORD-0000' } : { orderId };
      return {
        ...base,
        customer: ref,
        ...(intent.by === 'subscription' ? {} : order),
        ...(intent.by === 'order' ? {} : { subscriptionId: spec.subscriptionId }),
        refundReason: 'Customer bought the wrong edition',
        requestedAmount: { amount: intent.amount, currency: intent.currency },
        impact: 'Moderate',
        title: `Cancel ${spec.subscriptionId}`,
        contact: { name: 'Adele Vance', email: 'adele@partner.example', phone: '+1 425 555 0100' },
        attachments: ['invoice.pdf'],
      };
    }
    case 'CompleteCancellation':
      return { ...base, subscriptionId: spec.subscriptionId, ticketId: intent.ticketId };
    case 'RejectCancellation':
      return { ...base, subscriptionId: spec.subscriptionId, ticketId: intent.ticketId, reason: 'Outside policy after review' };
  }
}
