import fc from 'fast-check';
import { DAY_MS, type CancellationPolicy, type Product } from '@csp-onprem/domain';
import { CATALOGUE, CUSTOMERS, PARTNERS, type ActorKind, type OrderSpec, type PurchaseSpec, type World } from './world.js';

const HOUR_MS = 60 * 60 * 1000;

/** How much a generated cancellation asks for, relative to what the purchase paid. */
export type AmountPick =
  | { readonly kind: 'full' }
  | { readonly kind: 'one' }
  | { readonly kind: 'fraction'; readonly permille: number }
  | { readonly kind: 'over'; readonly by: number };

/** How a generated cancellation names the customer. */
export type CustomerRefKind = 'tenant' | 'domain' | 'both' | 'upperTenant' | 'otherTenant' | 'otherDomain';

/** One step of a generated scenario; indexes are taken modulo the world's sizes. */
export type Step =
  | { readonly kind: 'buy'; readonly purchase: number; readonly actor: ActorKind }
  | {
      readonly kind: 'variant';
      readonly type: 'GetKey' | 'DownloadSoftware' | 'CopyDownloadLink';
      readonly purchase: number;
      readonly offered: boolean;
      readonly pick: number;
      readonly actor: ActorKind;
    }
  | {
      readonly kind: 'request';
      readonly purchase: number;
      readonly by: 'subscription' | 'order' | 'both';
      readonly wrongOrder: boolean;
      readonly customerRef: CustomerRefKind;
      readonly amount: AmountPick;
      readonly currency: 'USD' | 'EUR';
      readonly actor: ActorKind;
    }
  | {
      readonly kind: 'decide';
      readonly type: 'CompleteCancellation' | 'RejectCancellation';
      readonly purchase: number;
      readonly ticket: 'open' | 'previous' | 'bogus';
      readonly actor: ActorKind;
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'toDeadline'; readonly purchase: number; readonly offsetMs: -1 | 0 | 1 }
  | { readonly kind: 'retry'; readonly back: number };

/** A world and what happens in it. */
export interface Scenario {
  readonly world: World;
  /** Purchases (indexes modulo the world's) bought by their seller before the random steps, so that most runs have something to act on. */
  readonly opening: readonly number[];
  readonly steps: readonly Step[];
}

const TITLES = ['Windows Server 2022 Standard', 'SQL Server 2019 Enterprise', 'Office LTSC Professionnel Plus – édition 2024', 'Project 2021 专业版'];

const productArb = (index: number): fc.Arbitrary<Product> =>
  fc.record({
    productId: fc.constant(`DG7GMGF0${index}`),
    skuId: fc.constantFrom('0001', '0002'),
    title: fc.constantFrom(...TITLES),
    versions: fc.subarray([...CATALOGUE.versions], { minLength: 1 }),
    languages: fc.subarray([...CATALOGUE.languages], { minLength: 1 }),
    bitness: fc.subarray([...CATALOGUE.bitness], { minLength: 1 }),
  });

const policyArb: fc.Arbitrary<CancellationPolicy | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.record({ windowDays: fc.integer({ min: 1, max: 90 }), creditPercent: fc.integer({ min: 0, max: 100 }) }) },
);

/** A world of 1-3 orders by two partners for three customers, holding 1-4 order lines. */
export const worldArb: fc.Arbitrary<World> = fc
  .tuple(
    fc.array(fc.record({ partner: fc.nat(PARTNERS.length - 1), customer: fc.nat(CUSTOMERS.length - 1) }), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([orders, purchaseCount]) =>
    fc
      .tuple(
        ...Array.from({ length: purchaseCount }, (_, i) =>
          fc.record({
            order: fc.nat(orders.length - 1),
            quantity: fc.integer({ min: 1, max: 5 }),
            unitPrice: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 1, max: 200_000 }) }),
            product: productArb(i),
            cancellationPolicy: policyArb,
          }),
        ),
      )
      .map((lines) => ({
        orders: orders.map((o, i): OrderSpec => ({ orderId: `ORD-${1001 + i}`, ...o })),
        purchases: lines.map(({ cancellationPolicy, ...line }, i): PurchaseSpec => ({
          subscriptionId: `SUB-${2001 + i}`,
          ...line,
          ...(cancellationPolicy === undefined ? {} : { cancellationPolicy }),
        })),
      })),
  );

const actorArb = (weights: Partial<Record<ActorKind, number>>): fc.Arbitrary<ActorKind> =>
  fc.oneof(...Object.entries(weights).map(([kind, weight]) => ({ weight: weight ?? 1, arbitrary: fc.constant(kind as ActorKind) })));

const strangers = { otherPartnerAdmin: 2, sellerSalesAgent: 2, otherCustomerGlobalAdmin: 2, customerPlainUser: 1, support: 1 };

const amountArb: fc.Arbitrary<AmountPick> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'full' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'one' as const }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 999 }).map((permille) => ({ kind: 'fraction' as const, permille })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((by) => ({ kind: 'over' as const, by })) },
);

const advanceArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR_MS) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }).map((d) => d * DAY_MS) },
  { weight: 1, arbitrary: fc.constantFrom(59 * DAY_MS, 60 * DAY_MS - 1, 60 * DAY_MS, 61 * DAY_MS, 365 * DAY_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 90 * DAY_MS }) },
);

/** One step; `withRetries` adds re-sending an earlier command verbatim (same command id). */
export function stepArb(withRetries = true): fc.Arbitrary<Step> {
  const purchase = fc.nat(3);
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('buy' as const), purchase, actor: actorArb({ sellerAdmin: 6, sellerAdminWithOtherRoles: 1, sellerAdminUpperCaseTenant: 1, otherPartnerAdmin: 1, sellerSalesAgent: 1 }) }) },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('variant' as const),
        type: fc.constantFrom('GetKey' as const, 'DownloadSoftware' as const, 'CopyDownloadLink' as const),
        purchase,
        offered: fc.integer({ min: 0, max: 9 }).map((d) => d < 8),
        pick: fc.nat(),
        actor: actorArb({ sellerAdmin: 24, sellerAdminWithOtherRoles: 2, sellerAdminUpperCaseTenant: 2, customerGlobalAdmin: 14, customerGlobalAdminUpperCaseTenant: 2, ...strangers }),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('request' as const),
        purchase,
        by: fc.constantFrom('subscription' as const, 'order' as const, 'both' as const),
        wrongOrder: fc.integer({ min: 0, max: 9 }).map((d) => d === 0),
        customerRef: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('tenant' as const, 'domain' as const, 'both' as const, 'upperTenant' as const) },
          { weight: 1, arbitrary: fc.constantFrom('otherTenant' as const, 'otherDomain' as const) },
        ),
        amount: amountArb,
        currency: fc.oneof({ weight: 9, arbitrary: fc.constant('USD' as const) }, { weight: 1, arbitrary: fc.constant('EUR' as const) }),
        actor: actorArb({ sellerAdmin: 16, sellerAdminWithOtherRoles: 1, sellerAdminUpperCaseTenant: 1, customerGlobalAdmin: 1, otherPartnerAdmin: 1, support: 1 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('decide' as const),
        type: fc.constantFrom('CompleteCancellation' as const, 'RejectCancellation' as const),
        purchase,
        ticket: fc.oneof({ weight: 8, arbitrary: fc.constant('open' as const) }, { weight: 1, arbitrary: fc.constantFrom('previous' as const, 'bogus' as const) }),
        actor: actorArb({ support: 19, sellerAdmin: 1 }),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: advanceArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('toDeadline' as const), purchase, offsetMs: fc.constantFrom(-1 as const, 0 as const, 1 as const) }) },
    ...(withRetries ? [{ weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), back: fc.nat(8) }) }] : []),
  );
}

/** A whole scenario: a world, the opening purchases and up to `maxSteps` random steps. */
export function scenarioArb(maxSteps = 40, withRetries = true): fc.Arbitrary<Scenario> {
  return fc.record({
    world: worldArb,
    opening: fc.oneof(fc.constant([0, 1, 2, 3]), fc.subarray([0, 1, 2, 3], { minLength: 1 })),
    steps: fc.array(stepArb(withRetries), { maxLength: maxSteps, size: 'max' }),
  });
}
