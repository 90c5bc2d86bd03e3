import * as E from 'fp-ts/lib/Either.js';
import { streamNameFilter, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { storeUnavailable, type StoreUnavailableError } from '@csp-onprem/engine';
import { toStoreUnavailable, type ErrorContext } from './error-mapping.js';
import { readPositionAfter } from './positions.js';
import { storedEventOf } from './resolved-events.js';
import type { EventListener, SubscriptionErrorListener, Unsubscribe } from './subscription-listeners.js';

/**
 * A live catch-up subscription to the store's events with position above `after`: first the
 * events already stored, then each new one as it is committed, in global order.
 */
export function subscribeAfter(
  client: KurrentDBClient,
  prefix: string,
  after: number,
  onEvent: EventListener,
  onError: SubscriptionErrorListener,
  context: ErrorContext,
): Unsubscribe {
  const what = `${context.store}: ${context.action}`;
  const subscription = client.subscribeToAll({ fromPosition: readPositionAfter(after), filter: streamNameFilter({ prefixes: [prefix] }) });
  let stopped = false;
  let last = after;

  const fail = (error: StoreUnavailableError): void => {
    if (stopped) return;
    stopped = true;
    subscription.destroy();
    onError(error);
  };

  const running = (async () => {
    try {
      for await (const resolved of subscription) {
        if (stopped) break;
        const stored = storedEventOf(resolved, what, prefix);
        if (E.isLeft(stored)) return fail(stored.left);
        const event = stored.right;
        if (event === undefined || event.position <= last) continue;
        try {
          await onEvent(event);
        } catch (cause) {
          return fail(storeUnavailable(what, `the listener failed on the event at position ${event.position}: ${cause instanceof Error ? cause.message : String(cause)}`));
        }
        last = event.position;
      }
      fail(storeUnavailable(what, 'KurrentDB ended the subscription'));
    } catch (cause) {
      fail(toStoreUnavailable(cause, context));
    }
  })();

  return async () => {
    if (!stopped) {
      stopped = true;
      subscription.destroy();
      await subscription.unsubscribe().catch(() => undefined);
    }
    await running;
  };
}
