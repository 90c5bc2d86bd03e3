import * as E from 'fp-ts/lib/Either.js';
import type { Actor, Customer } from '@csp-onprem/domain';
import { softwareTable } from '../render/software-table.js';
import { tenantName } from './cast.js';
import { narrate, print, type DemoContext } from './context.js';
import type { StoryPurchase } from './purchases.js';
import { expectRefusal, type DemoFailure } from './steps.js';

/**
 * The customer's *Software* page as its GlobalAdmin sees it in the Microsoft 365 admin center,
 * as of the story's clock: purchases of earlier runs on the same file show as they stood then.
 */
export async function globalAdminSoftwareList(ctx: DemoContext, step: string, globalAdmin: Actor, customer: Customer): Promise<E.Either<DemoFailure, void>> {
  const list = await ctx.engine.as(globalAdmin).softwareList(customer.tenantId, { asOf: ctx.clock.now() });
  if (E.isLeft(list)) return E.left({ code: list.left.code, message: list.left.message, step });
  narrate(ctx, globalAdmin, `opened the software list of ${tenantName(customer.tenantId)}: ${list.right.length} purchase(s)`);
  print(ctx, softwareTable(list.right).map((line) => `    ${line}`));
  return E.right(undefined);
}

/**
 * A GlobalAdmin of another tenant asks for the purchase's key and is refused: customers see
 * their own tenant only, and a purchase one may not see is answered as one that does not exist.
 */
export async function otherTenantRefused(ctx: DemoContext, step: string, outsider: Actor, purchase: StoryPurchase): Promise<E.Either<DemoFailure, void>> {
  const refused = await expectRefusal(ctx, step, outsider, { type: 'GetKey', subscriptionId: purchase.subscriptionId, variant: purchase.entry.variant }, 'UnknownPurchase');
  if (E.isLeft(refused)) return refused;
  narrate(ctx, outsider, `asked for the key of ${tenantName(purchase.customer.tenantId)}'s ${purchase.subscriptionId}: refused ${refused.right.code}: ${refused.right.message}`);
  return E.right(undefined);
}
