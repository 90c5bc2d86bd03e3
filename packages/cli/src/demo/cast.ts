import type { Actor, Customer } from '@csp-onprem/domain';

/** A tenant of the story: a readable name and a fixed, obviously made-up GUID. */
export interface DemoTenant {
  readonly name: string;
  readonly tenantId: string;
}

/** The partner that sells to both customers. */
export const northwind: DemoTenant = { name: 'Northwind', tenantId: '11111111-1111-4111-8111-111111111111' };
/** The first customer: one order with two lines. */
export const contoso: DemoTenant = { name: 'Contoso', tenantId: '22222222-2222-4222-8222-222222222222' };
/** The second customer: one order with one line. */
export const fabrikam: DemoTenant = { name: 'Fabrikam', tenantId: '33333333-3333-4333-8333-333333333333' };
/** The refund desk's tenant. */
export const refundDesk: DemoTenant = { name: 'Support', tenantId: '44444444-4444-4444-8444-444444444444' };

/** The customers of the story, with the domains Partner Center knows them by. */
export const customers: Readonly<Record<'contoso' | 'fabrikam', Customer>> = {
  contoso: { tenantId: contoso.tenantId, domain: 'contoso.onmicrosoft.com' },
  fabrikam: { tenantId: fabrikam.tenantId, domain: 'fabrikam.onmicrosoft.com' },
};

/** The people of the story and the roles they act with. */
export const actors = {
  partnerAdmin: { userId: 'megan@northwind.example', tenantId: northwind.tenantId, roles: ['AdminAgent'] },
  partnerAuditor: { userId: 'audit@northwind.example', tenantId: northwind.tenantId, roles: ['Auditor'] },
  contosoGlobalAdmin: { userId: 'admin@contoso.onmicrosoft.com', tenantId: contoso.tenantId, roles: ['GlobalAdmin'] },
  fabrikamGlobalAdmin: { userId: 'admin@fabrikam.onmicrosoft.com', tenantId: fabrikam.tenantId, roles: ['GlobalAdmin'] },
  support: { userId: 'refunds@support.example', tenantId: refundDesk.tenantId, roles: ['Support'] },
} satisfies Record<string, Actor>;

/** Whoever the partner names as the contact on its cancellation tickets. */
export const ticketContact = { name: 'Megan Bowen', email: 'megan@northwind.example', phone: '+1 425 555 0100' };

const tenantNames = new Map([northwind, contoso, fabrikam, refundDesk].map((tenant) => [tenant.tenantId.toLowerCase(), tenant.name]));

/** The story's name for a tenant GUID, or the GUID itself for a tenant the story does not know. */
export function tenantName(tenantId: string): string {
  return tenantNames.get(tenantId.toLowerCase()) ?? tenantId;
}
