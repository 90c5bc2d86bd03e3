import type { Actor, CancellationPolicy, Product, Variant } from '@csp-onprem/domain';

/** The partner tenants that sell in generated scenarios. */
export const PARTNERS = ['a0a0a0a0-0000-4000-8000-000000000001', 'a1a1a1a1-1111-4000-8000-000000000002'] as const;

/** The customer tenants generated scenarios buy for, with their domains. */
export const CUSTOMERS = [
  { tenantId: 'c0c0c0c0-0000-4000-8000-00000000000a', domain: 'contoso.onmicrosoft.com' },
  { tenantId: 'c1c1c1c1-1111-4000-8000-00000000000b', domain: 'fabrikam.onmicrosoft.com' },
  { tenantId: 'c2c2c2c2-2222-4000-8000-00000000000c', domain: 'northwind.example.org' },
] as const;

/** The tenant of the refund desk. */
export const SUPPORT_TENANT = '5e5e5e5e-5555-4000-8000-000000000005';

/** Support may read every read model; queries in the properties ask as Support. */
export const supportActor: Actor = { userId: 'desk@support.example', tenantId: SUPPORT_TENANT, roles: ['Support'] };

/** The versions, languages and bitness values products draw from. */
export const CATALOGUE = {
  versions: ['2019', '2021', '2024'],
  languages: ['en-us', 'fr-fr', 'ja-jp'],
  bitness: ['32-bit', '64-bit'],
} as const;

/** Every variant of the catalogue (18), offered or not by a given product. */
export const ALL_VARIANTS: readonly Variant[] = CATALOGUE.versions.flatMap((version) =>
  CATALOGUE.languages.flatMap((language) => CATALOGUE.bitness.map((bitness) => ({ version, language, bitness }))),
);

/** One order: a partner buying for a customer. */
export interface OrderSpec {
  readonly orderId: string;
  readonly partner: number;
  readonly customer: number;
}

/** One order line to be bought (or not) during a scenario. */
export interface PurchaseSpec {
  readonly subscriptionId: string;
  readonly order: number;
  readonly quantity: number;
  /** Unit price in USD cents; 0 models free software. */
  readonly unitPrice: number;
  readonly product: Product;
  /** Absent: the engine records the guide's default (60 days, 100%). */
  readonly cancellationPolicy?: CancellationPolicy;
}

/** The partners, customers, orders and order lines a scenario plays with. */
export interface World {
  readonly orders: readonly OrderSpec[];
  readonly purchases: readonly PurchaseSpec[];
}

/** Who acts, relative to the purchase a command is about. */
export type ActorKind =
  | 'sellerAdmin'
  | 'sellerAdminWithOtherRoles'
  | 'sellerAdminUpperCaseTenant'
  | 'otherPartnerAdmin'
  | 'sellerSalesAgent'
  | 'customerGlobalAdmin'
  | 'customerGlobalAdminUpperCaseTenant'
  | 'otherCustomerGlobalAdmin'
  | 'customerPlainUser'
  | 'support';

/** The tenants of a purchase: its order's partner and customer. */
export function partiesOf(world: World, purchase: number): { partnerId: string; customer: (typeof CUSTOMERS)[number]; orderId: string } {
  const spec = world.purchases[purchase];
  const order = spec === undefined ? undefined : world.orders[spec.order];
  if (spec === undefined || order === undefined) throw new Error(`no purchase ${purchase} in this world`);
  return { partnerId: PARTNERS[order.partner] ?? PARTNERS[0], customer: CUSTOMERS[order.customer] ?? CUSTOMERS[0], orderId: order.orderId };
}

/** The actor of a kind, relative to a purchase of the world. */
export function actorFor(world: World, purchase: number, kind: ActorKind): Actor {
  const spec = world.purchases[purchase];
  const order = spec === undefined ? undefined : world.orders[spec.order];
  const partner = order?.partner ?? 0;
  const customer = order?.customer ?? 0;
  const partnerId = PARTNERS[partner] ?? PARTNERS[0];
  const otherPartnerId = PARTNERS[(partner + 1) % PARTNERS.length] ?? PARTNERS[1];
  const customerId = CUSTOMERS[customer]?.tenantId ?? CUSTOMERS[0].tenantId;
  const otherCustomerId = CUSTOMERS[(customer + 1) % CUSTOMERS.length]?.tenantId ?? CUSTOMERS[1].tenantId;
  switch (kind) {
    case 'sellerAdmin':
      return { userId: `adele@partner-${partner}.example`, tenantId: partnerId, roles: ['AdminAgent'] };
    case 'sellerAdminWithOtherRoles':
      return { userId: `hal@partner-${partner}.example`, tenantId: partnerId, roles: ['HelpdeskAgent', 'AdminAgent'] };
    case 'sellerAdminUpperCaseTenant':
      return { userId: `ursula@partner-${partner}.example`, tenantId: partnerId.toUpperCase(), roles: ['AdminAgent'] };
    case 'otherPartnerAdmin':
      return { userId: `olga@partner-${(partner + 1) % PARTNERS.length}.example`, tenantId: otherPartnerId, roles: ['AdminAgent'] };
    case 'sellerSalesAgent':
      return { userId: `sam@partner-${partner}.example`, tenantId: partnerId, roles: ['SalesAgent', 'HelpdeskAgent'] };
    case 'customerGlobalAdmin':
      return { userId: `gary@customer-${customer}.example`, tenantId: customerId, roles: ['GlobalAdmin'] };
    case 'customerGlobalAdminUpperCaseTenant':
      return { userId: `greta@customer-${customer}.example`, tenantId: customerId.toUpperCase(), roles: ['GlobalAdmin'] };
    case 'otherCustomerGlobalAdmin':
      return { userId: `gina@customer-${(customer + 1) % CUSTOMERS.length}.example`, tenantId: otherCustomerId, roles: ['GlobalAdmin'] };
    case 'customerPlainUser':
      return { userId: `uma@customer-${customer}.example`, tenantId: customerId, roles: ['User'] };
    case 'support':
      return supportActor;
  }
}

/** Whether the actor of a kind holds the role at all (whatever its tenant). */
export function holdsRole(kind: ActorKind, role: 'AdminAgent' | 'GlobalAdmin' | 'Support'): boolean {
  switch (role) {
    case 'AdminAgent':
      return isSellerAdmin(kind) || kind === 'otherPartnerAdmin';
    case 'GlobalAdmin':
      return isCustomerGlobalAdmin(kind) || kind === 'otherCustomerGlobalAdmin';
    case 'Support':
      return kind === 'support';
  }
}

/** Whether the actor is an AdminAgent of the partner that sold the purchase (tenant GUIDs ignore case). */
export function isSellerAdmin(kind: ActorKind): boolean {
  return kind === 'sellerAdmin' || kind === 'sellerAdminWithOtherRoles' || kind === 'sellerAdminUpperCaseTenant';
}

/** Whether the actor is a GlobalAdmin of the purchase's customer tenant (tenant GUIDs ignore case). */
export function isCustomerGlobalAdmin(kind: ActorKind): boolean {
  return kind === 'customerGlobalAdmin' || kind === 'customerGlobalAdminUpperCaseTenant';
}

/** The instant every generated scenario starts at. */
export const SCENARIO_START = new Date('2024-03-01T09:00:00.000Z');
