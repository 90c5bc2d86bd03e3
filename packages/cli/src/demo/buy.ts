import * as E from 'fp-ts/lib/Either.js';
import { describeEvent } from '@csp-onprem/domain';
import { actors, northwind, tenantName } from './cast.js';
import { narrate, type DemoContext } from './context.js';
import type { StoryPurchase } from './purchases.js';
import { perform, writtenEvent, type DemoFailure } from './steps.js';

/** The partner's AdminAgent places an order for a customer: one purchase per line, all under the line's order id. */
export async function buyOrder(ctx: DemoContext, step: string, lines: readonly StoryPurchase[]): Promise<E.Either<DemoFailure, void>> {
  for (const [index, line] of lines.entries()) {
    const executed = await perform(ctx, `${step}-line-${index + 1}`, actors.partnerAdmin, {
      type: 'PurchaseSoftware',
      partnerId: northwind.tenantId,
      customer: line.customer,
      orderId: line.orderId,
      subscriptionId: line.subscriptionId,
      product: line.entry.product,
      quantity: line.quantity,
      unitPrice: line.entry.unitPrice,
    });
    if (E.isLeft(executed)) return executed;
    const purchased = writtenEvent(executed.right, 'Purchased');
    const what = purchased === undefined ? `bought ${line.entry.product.title}` : describeEvent(purchased);
    narrate(ctx, actors.partnerAdmin, `${what} on behalf of ${tenantName(line.customer.tenantId)} -> Purchased ${line.subscriptionId}`);
  }
  return E.right(undefined);
}
