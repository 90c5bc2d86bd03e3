import { GLOBAL_ADMINISTRATOR_TEMPLATE_ID, type DevCustomer, type DevPersona } from '@csp-onprem/server';
import { actors, contoso, customers, fabrikam, refundDesk } from '../demo/cast.js';

/** The tenant development mode treats as the service operator's: the demo's refund desk. */
export const DEV_OPERATOR_TENANT = refundDesk.tenantId;

/**
 * The demo's people as development tokens: the same user ids and tenants as the story the demo
 * seeds, so that each persona sees what the demo did as them. A customer's admin holds Global
 * Administrator as Entra ID says it (`wids`), the others app roles (`roles`).
 */
export const DEV_PERSONAS: readonly DevPersona[] = [
  { id: 'partner-admin', label: 'Megan, Northwind partner (AdminAgent)', claims: { tid: actors.partnerAdmin.tenantId, sub: actors.partnerAdmin.userId, name: 'Megan Bowen', roles: ['AdminAgent'] } },
  { id: 'contoso-admin', label: "Contoso's Global Administrator", claims: { tid: actors.contosoGlobalAdmin.tenantId, sub: actors.contosoGlobalAdmin.userId, name: 'Contoso admin', wids: [GLOBAL_ADMINISTRATOR_TEMPLATE_ID] } },
  { id: 'fabrikam-admin', label: "Fabrikam's Global Administrator", claims: { tid: actors.fabrikamGlobalAdmin.tenantId, sub: actors.fabrikamGlobalAdmin.userId, name: 'Fabrikam admin', wids: [GLOBAL_ADMINISTRATOR_TEMPLATE_ID] } },
  { id: 'support', label: 'The refund desk (Support)', claims: { tid: actors.support.tenantId, sub: actors.support.userId, name: 'Refund desk', roles: ['Support'] } },
  { id: 'auditor', label: 'An auditor of the operator (Auditor)', claims: { tid: refundDesk.tenantId, sub: 'audit@support.example', name: 'Auditor', roles: ['Auditor'] } },
];

/** The demo's customers, for the portal to offer. */
export const DEV_CUSTOMERS: readonly DevCustomer[] = [
  { name: contoso.name, tenantId: customers.contoso.tenantId, domain: customers.contoso.domain },
  { name: fabrikam.name, tenantId: customers.fabrikam.tenantId, domain: customers.fabrikam.domain },
];
