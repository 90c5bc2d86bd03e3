import * as E from 'fp-ts/lib/Either.js';
import { purchaseStreamId, type EventStore } from '@csp-onprem/engine';

export const PARTNER = '11111111-1111-4111-8111-111111111111';
export const CUSTOMER = '22222222-2222-4222-8222-222222222222';
export const admin = { userId: 'alice@partner', tenantId: PARTNER, roles: ['AdminAgent'] };
export const variant = { version: '2019', language: 'en-us', bitness: '64-bit' };

/** The stream of the partner's purchase with this subscription id. */
export function streamOf(subscriptionId: string): string {
  return purchaseStreamId(PARTNER, subscriptionId);
}

export function purchase(subscriptionId: string, commandId = `buy-${subscriptionId}`) {
  return {
    type: 'PurchaseSoftware',
    commandId,
    actor: admin,
    partnerId: PARTNER,
    customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
    orderId: `order-${subscriptionId}`,
    subscriptionId,
    product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2019 Standard', versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] },
    quantity: 1,
    unitPrice: { amount: 89900, currency: 'USD' },
  };
}

export function getKey(subscriptionId: string, commandId: string) {
  return { type: 'GetKey', commandId, actor: admin, subscriptionId, variant };
}

/** Unwraps a Right, failing the test with the Left's message otherwise. */
export function right<A>(result: E.Either<{ message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.message}`);
  return result.right;
}

/** Every record a store holds, in global order. */
export async function allRecords(store: EventStore) {
  return right(await store.readAll({ after: 0, limit: 1_000_000 }));
}

/** A store whose reads of the global order can be held back at will (see `heldGlobalReads`). */
export interface HeldGlobalReads extends EventStore {
  /** Holds back each page read from now on; resolves once a read has reached the gate, its page read. */
  hold(): Promise<void>;
  /** Lets every held page through, and the pages read after. */
  release(): void;
}

/** The store, with its pages of the global order held back between `hold` and `release`. */
export function heldGlobalReads(store: EventStore): HeldGlobalReads {
  let gate: Promise<void> | undefined;
  let open = (): void => {};
  let reached = (): void => {};
  return {
    ...store,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
      return new Promise((resolve) => (reached = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    readAll: async (options) => {
      const page = await store.readAll(options);
      if (gate !== undefined) {
        reached();
        await gate;
      }
      return page;
    },
  };
}
