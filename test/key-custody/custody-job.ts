/** Where a custody worker finds the log: a SQLite file, or a PostgreSQL schema. */
export type CustodyStore = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

/** One thing a custody worker does, in order. */
export type CustodyAction =
  | { readonly kind: 'buy'; readonly subscriptionId: string; readonly customer: string }
  | { readonly kind: 'key'; readonly subscriptionId: string; readonly commandId: string }
  | { readonly kind: 'forget'; readonly tenant: string }
  | { readonly kind: 'rotate'; readonly killAfter?: number };

/**
 * What a custody worker is told on its command line. Never a secret: the KEKs come in the
 * environment (CSP_ONPREM_KEY_ENCRYPTION_KEY, and CSP_ONPREM_NEXT_KEY_ENCRYPTION_KEY to rotate to).
 */
export interface CustodyJob {
  readonly store: CustodyStore;
  readonly actions: readonly CustodyAction[];
  /** Wait for a `go` message after `ready`, so that several workers start together. */
  readonly waitForGo: boolean;
}

/** The outcome of one action: the product key shown, or the error code, or done. */
export type CustodyResult = { readonly ok: true; readonly productKey?: string } | { readonly ok: false; readonly code: string; readonly message: string };

/** What a worker sends its parent. */
export type CustodyMessage = { readonly type: 'ready' } | { readonly type: 'done'; readonly results: readonly CustodyResult[] } | { readonly type: 'refused'; readonly message: string };
