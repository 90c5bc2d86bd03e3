import type { Actor, Product, Variant } from '@csp-onprem/domain';
import { createEngine, type EventStore } from '@csp-onprem/engine';
import * as E from 'fp-ts/lib/Either.js';
import { benchKeyProvider, benchVault } from '../ports/deterministic-ports.js';
import { inParallel } from './in-parallel.js';

/** A purchase of the HTTP measures' data set, with the partner that sold it. */
export interface DatasetPurchase {
  readonly subscriptionId: string;
  readonly customerTenantId: string;
  readonly partner: number;
}

/** The data set both sides of an HTTP measure start from: partners, customers, purchases with a key each. */
export interface Dataset {
  readonly seed: number;
  readonly partners: readonly Actor[];
  readonly customers: readonly string[];
  readonly purchases: readonly DatasetPurchase[];
}

/** The variant every purchase of the data set is keyed and downloaded in. */
export const DATASET_VARIANT: Variant = { version: '2022', language: 'en-us', bitness: '64-bit' };

const PRODUCT: Product = { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard - 2 Core License Pack', versions: ['2022', '2019'], languages: ['en-us', 'de-de'], bitness: ['64-bit'] };

function guid(kind: number, index: number): string {
  const hex = (kind * 1_000_000 + index).toString(16).padStart(12, '0');
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

/** The data set of a size: 4 partners, a customer per 5 purchases, each customer served by one partner. */
export function dataset(purchases: number, seed: number): Dataset {
  const partners = Array.from({ length: 4 }, (_, index) => ({ userId: `admin${index}@partner${index}.example`, tenantId: guid(0xa, index), roles: ['AdminAgent'] }));
  const customers = Array.from({ length: Math.max(1, Math.ceil(purchases / 5)) }, (_, index) => guid(0xc, index));
  return {
    seed,
    partners,
    customers,
    purchases: Array.from({ length: purchases }, (_, index) => {
      const customer = index % customers.length;
      return { subscriptionId: `HTTP-SUB-${index}`, customerTenantId: customers[customer] as string, partner: customer % partners.length };
    }),
  };
}

/** The engine both sides of an HTTP measure run: deterministic keys and data keys, as the other measures'. */
export function datasetEngine(store: EventStore, seed: number) {
  return createEngine({ store, vault: benchVault(seed), keyProvider: benchKeyProvider(), streamCacheSize: 30_000 });
}

/** Writes the data set (a purchase and its first key each), outside any timing. */
export async function writeDataset(store: EventStore, data: Dataset): Promise<void> {
  const engine = datasetEngine(store, data.seed);
  const failures: string[] = [];
  await inParallel(data.purchases, 16, async (purchase) => {
    const session = engine.as(data.partners[purchase.partner]);
    const bought = await session.execute({
      type: 'PurchaseSoftware',
      commandId: `buy-${purchase.subscriptionId}`,
      partnerId: data.partners[purchase.partner]?.tenantId,
      customer: { tenantId: purchase.customerTenantId, domain: `c${purchase.customerTenantId.slice(-6)}.onmicrosoft.com` },
      orderId: `ORD-${purchase.subscriptionId}`,
      subscriptionId: purchase.subscriptionId,
      product: PRODUCT,
      quantity: 2,
      unitPrice: { amount: 390_700, currency: 'USD' },
    });
    const keyed = E.isLeft(bought) ? bought : await session.execute({ type: 'GetKey', commandId: `key-${purchase.subscriptionId}`, subscriptionId: purchase.subscriptionId, variant: DATASET_VARIANT });
    if (E.isLeft(keyed)) failures.push(`${purchase.subscriptionId}: ${keyed.left.code}: ${keyed.left.message}`);
  });
  const caughtUp = await engine.catchUp();
  await engine.close();
  if (failures.length > 0 || E.isLeft(caughtUp)) throw new Error(`writing the HTTP data set failed: ${failures.slice(0, 3).join('; ') || (E.isLeft(caughtUp) ? caughtUp.left.message : '')}`);
}
