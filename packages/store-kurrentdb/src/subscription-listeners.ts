import type { StoreUnavailableError, StoredEvent } from '@csp-onprem/engine';

// Apart from subscription.ts, whose declarations import the KurrentDB client's types: the
// package's main entry reaches these, and must not reach the client's (see mapping.ts).

/** Receives each event of a subscription, in global order; the next one waits for the returned promise. */
export type EventListener = (event: StoredEvent) => void | Promise<void>;

/** Told once when a subscription ends on its own: the server went away, or an event could not be read or handled. */
export type SubscriptionErrorListener = (error: StoreUnavailableError) => void;

/** Stops a subscription; resolves once no listener call is running or will start. */
export type Unsubscribe = () => Promise<void>;
