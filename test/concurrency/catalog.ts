import type { Actor, PurchaseSoftware, Variant } from '@csp-onprem/domain';
import { aProduct, partnerAdmin, supportAgent, tenants } from '@csp-onprem/testing';

/** The customer tenants the runs buy for, with their domains. */
export const CUSTOMERS = [
  { tenantId: 'c0c0c0c0-0000-4000-8000-0000000000a0', domain: 'contoso.onmicrosoft.com' },
  { tenantId: 'c1c1c1c1-1111-4000-8000-0000000000a1', domain: 'fabrikam.onmicrosoft.com' },
  { tenantId: 'c2c2c2c2-2222-4000-8000-0000000000a2', domain: 'northwind.example.org' },
  { tenantId: 'c3c3c3c3-3333-4000-8000-0000000000a3', domain: 'tailspin.example.net' },
] as const;

/** Every variant the product offers (2 versions x 2 languages, 64-bit). */
export const VARIANTS: readonly Variant[] = aProduct.versions.flatMap((version) =>
  aProduct.languages.flatMap((language) => aProduct.bitness.map((bitness) => ({ version, language, bitness }))),
);

/** One order line the runs work on. */
export interface PurchaseSpec {
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly customer: (typeof CUSTOMERS)[number];
}

/** `count` purchases spread over the customers, with ids under `prefix`. */
export function purchaseSpecs(count: number, prefix: string): PurchaseSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    subscriptionId: `${prefix}-SUB-${index + 1}`,
    orderId: `${prefix}-ORD-${index + 1}`,
    customer: CUSTOMERS[index % CUSTOMERS.length] ?? CUSTOMERS[0],
  }));
}

/** The partner's AdminAgent who buys and works on every purchase. */
export const partner: Actor = partnerAdmin(tenants.sellingPartner);

/** The refund desk. */
export const support: Actor = supportAgent();

/** The customer's GlobalAdmin of a purchase. */
export function globalAdminOf(spec: PurchaseSpec): Actor {
  return { userId: `admin@${spec.customer.domain}`, tenantId: spec.customer.tenantId, roles: ['GlobalAdmin'] };
}

/** The `PurchaseSoftware` command for a spec: 3 licences at 500.00 USD. */
export function purchaseCommand(spec: PurchaseSpec, commandId: string): PurchaseSoftware {
  return {
    type: 'PurchaseSoftware',
    commandId,
    actor: partner,
    partnerId: tenants.sellingPartner,
    customer: { tenantId: spec.customer.tenantId, domain: spec.customer.domain },
    orderId: spec.orderId,
    subscriptionId: spec.subscriptionId,
    product: aProduct,
    quantity: 3,
    unitPrice: { amount: 50_000, currency: 'USD' },
  };
}
