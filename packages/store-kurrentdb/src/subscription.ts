import * as E from 'fp-ts/lib/Either.js';
import { streamNameFilter, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { storeUnavailable, type StoreUnavailableError, type StoredEvent } from '@csp-onprem/engine';
import { toStoreUnavailable, type ErrorContext } from './error-mapping.js';
import { readPositionAfter } from './positions.js';
import { storedEventOf } from './resolved-events.js';

/** Receives each event of a subscription, in global order; the next one waits for the returned promise. */
export type EventListener = (event: StoredEvent) => void | Promise<void>;

/** Told once when a subscription ends on its own: the server went away, or an event could not be read or handled. */
export type SubscriptionErrorListener = (error: StoreUnavailableError) => void;

/** Stops a subscription; resolves once no listener call is running or will start. */
export type Unsubscribe = () => Promise<void>;

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
