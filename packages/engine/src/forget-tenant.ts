import * as E from 'fp-ts/lib/Either.js';
import type { EngineError } from './engine-error.js';
import type { KeyVault } from './ports/key-vault.js';
import type { ProjectionRunner } from './projections/projection-runner.js';
import type { SoftwareListProjection } from './projections/software-list-projection.js';
import { checkTenant } from './queries/query-input.js';
import { keyVaultFailure } from './custody/key-custody-error.js';

/** What forgetting a tenant destroyed. */
export interface ForgottenTenant {
  readonly tenantId: string;
  /** How many issued product keys of the tenant can no longer be shown. */
  readonly keysShredded: number;
}

/** What forgetting a tenant needs. */
export interface ForgetTenantDeps {
  readonly vault: KeyVault;
  readonly runner: ProjectionRunner;
  readonly softwareList: SoftwareListProjection;
}

/** Destroys the tenant's data keys in the vault; the log is not touched and still verifies. */
export async function forgetTenant(deps: ForgetTenantDeps, tenantInput: unknown): Promise<E.Either<EngineError, ForgottenTenant>> {
  const tenant = checkTenant(tenantInput, 'tenantId');
  if (E.isLeft(tenant)) return tenant;
  const caughtUp = await deps.runner.catchUp();
  if (E.isLeft(caughtUp)) return caughtUp;
  try {
    await deps.vault.destroyDataKey(tenant.right);
  } catch (cause) {
    return E.left(keyVaultFailure(cause));
  }
  let keysShredded = 0;
  for (const streamId of deps.softwareList.byCustomer.get(tenant.right) ?? []) {
    keysShredded += deps.softwareList.items.get(streamId)?.keys.length ?? 0;
  }
  return E.right({ tenantId: tenant.right, keysShredded });
}
