import * as E from 'fp-ts/lib/Either.js';
import { formatVariant, type Actor } from '@csp-onprem/domain';
import { formatInstant } from '../render/format.js';
import { narrate, type DemoContext } from './context.js';
import type { StoryPurchase } from './purchases.js';
import { eventTypes, perform, writtenEvent, type DemoFailure } from './steps.js';

/** Downloads the bits of the purchase's variant. */
export async function download(ctx: DemoContext, step: string, actor: Actor, purchase: StoryPurchase): Promise<E.Either<DemoFailure, void>> {
  const executed = await perform(ctx, step, actor, { type: 'DownloadSoftware', subscriptionId: purchase.subscriptionId, variant: purchase.entry.variant });
  if (E.isLeft(executed)) return executed;
  narrate(ctx, actor, `downloaded ${purchase.entry.product.title} ${formatVariant(purchase.entry.variant)} (${purchase.subscriptionId}) -> ${eventTypes(executed.right)}`);
  return E.right(undefined);
}

/** Copies a download link to send to the customer; the link provider decides its expiry. */
export async function copyLink(ctx: DemoContext, step: string, actor: Actor, purchase: StoryPurchase): Promise<E.Either<DemoFailure, void>> {
  const executed = await perform(ctx, step, actor, { type: 'CopyDownloadLink', subscriptionId: purchase.subscriptionId, variant: purchase.entry.variant });
  if (E.isLeft(executed)) return executed;
  const copied = writtenEvent(executed.right, 'LinkCopied');
  const expiry = copied === undefined ? '' : `, link expires ${formatInstant(copied.data.expiresAt)}`;
  narrate(ctx, actor, `copied the download link of ${purchase.entry.product.title} (${purchase.subscriptionId})${expiry} -> ${eventTypes(executed.right)}`);
  return E.right(undefined);
}
