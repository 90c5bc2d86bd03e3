import type { Actor } from '@csp-onprem/domain';

/**
 * Who the audit commands read as: the `Auditor` role reads every customer's purchases and
 * nothing more. The tenant is a fixed placeholder GUID, because the CLI belongs to no tenant.
 */
export const CLI_AUDITOR: Actor = {
  userId: 'csp-onprem-cli',
  tenantId: '00000000-0000-4000-8000-000000000000',
  roles: ['Auditor'],
};
