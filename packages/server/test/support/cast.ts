import { GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from '../../src/index.js';

/** The tenants of the tests' story. */
export const tenants = {
  northwind: '11111111-1111-4111-8111-111111111111',
  contoso: '22222222-2222-4222-8222-222222222222',
  fabrikam: '33333333-3333-4333-8333-333333333333',
  desk: '44444444-4444-4444-8444-444444444444',
  tailspin: '55555555-5555-4555-8555-555555555555',
} as const;

/** The claims of each person of the story, as their tokens carry them. */
export const claimsOf = {
  /** Northwind's partner admin. */
  megan: { tid: tenants.northwind, oid: '0a0a0a0a-0000-4000-8000-000000000001', preferred_username: 'megan@northwind.example', roles: ['AdminAgent'] },
  /** Contoso's Global Administrator (a directory role, in wids). */
  kim: { tid: tenants.contoso, oid: '0a0a0a0a-0000-4000-8000-000000000002', wids: [GLOBAL_ADMINISTRATOR_TEMPLATE_ID] },
  /** Fabrikam's Global Administrator. */
  fabrikamAdmin: { tid: tenants.fabrikam, sub: 'admin@fabrikam.example', wids: [GLOBAL_ADMINISTRATOR_TEMPLATE_ID] },
  /** The refund desk, in the operator tenant. */
  desk: { tid: tenants.desk, sub: 'refunds@support.example', roles: ['Support'] },
  /** An auditor, in the operator tenant. */
  auditor: { tid: tenants.desk, sub: 'audit@support.example', roles: ['Auditor'] },
  /** Another partner, whose own admins gave its agent the role string Support as well. */
  rogue: { tid: tenants.tailspin, sub: 'eve@tailspin.example', roles: ['AdminAgent', 'Support'] },
} as const;

/** The operator tenants the test service is configured with. */
export const OPERATOR_TENANTS = [tenants.desk];

/** The product of the story. */
export const sqlServer = { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2019 Standard', versions: ['2019', '2017'], languages: ['en-us', 'de-de'], bitness: ['64-bit', '32-bit'] };

/** The variant the story keys and downloads. */
export const variant = { version: '2019', language: 'en-us', bitness: '64-bit' } as const;

/** A purchase body for Contoso, through the resource route. */
export function purchaseBody(commandId: string, subscriptionId: string, orderId = `order-${subscriptionId}`) {
  return { commandId, customer: { domain: 'contoso.onmicrosoft.com' }, orderId, subscriptionId, product: sqlServer, quantity: 2, unitPrice: { amount: 89900, currency: 'USD' } };
}

/** A cancellation ticket for a purchase of Contoso's. */
export function cancellationBody(commandId: string, subscriptionId: string, amount = 179800) {
  return {
    commandId,
    customer: { tenantId: tenants.contoso, domain: 'contoso.onmicrosoft.com' },
    subscriptionId,
    refundReason: 'Ordered the wrong edition',
    requestedAmount: { amount, currency: 'USD' },
    impact: 'Blocks the migration',
    title: 'Cancel SQL Server order',
    contact: { name: 'Megan Bowen', email: 'megan@northwind.example', phone: '+1 425 555 0100' },
    attachments: ['invoice.pdf'],
  };
}
