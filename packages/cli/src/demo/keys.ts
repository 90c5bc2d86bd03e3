import * as E from 'fp-ts/lib/Either.js';
import { formatVariant, type Actor } from '@csp-onprem/domain';
import { narrate, type DemoContext } from './context.js';
import { maskProductKey } from './mask-key.js';
import type { StoryPurchase } from './purchases.js';
import { eventTypes, perform, writtenEvent, type DemoFailure } from './steps.js';

/**
 * *Get keys and downloads* for the purchase's variant: the first time the key is issued
 * (`KeyIssued`), afterwards it is shown again (`KeyViewed`). Only a masked key is printed.
 */
export async function getKey(ctx: DemoContext, step: string, actor: Actor, purchase: StoryPurchase, doing: string): Promise<E.Either<DemoFailure, void>> {
  const executed = await perform(ctx, step, actor, { type: 'GetKey', subscriptionId: purchase.subscriptionId, variant: purchase.entry.variant });
  if (E.isLeft(executed)) return executed;
  const shown = executed.right.productKey === undefined ? 'no key shown' : maskProductKey(executed.right.productKey);
  const fingerprint = writtenEvent(executed.right, 'KeyIssued')?.data.fingerprint ?? writtenEvent(executed.right, 'KeyViewed')?.data.fingerprint ?? '';
  const title = `${purchase.entry.product.title} ${formatVariant(purchase.entry.variant)}`;
  narrate(ctx, actor, `${doing} for ${title} (${purchase.subscriptionId}): ${shown} -> ${eventTypes(executed.right)} ${fingerprint}`.trimEnd());
  return E.right(undefined);
}
