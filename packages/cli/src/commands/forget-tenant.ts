import * as E from 'fp-ts/lib/Either.js';
import { formatVariant } from '@csp-onprem/domain';
import { createEngine, type EngineError } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { CLI_AUDITOR } from '../audit/auditor.js';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import { renderTable } from '../render/table.js';
import { succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';

/** What `csp-onprem forget-tenant` was asked. */
export interface ForgetTenantArgs {
  readonly store: StoreAddress;
  readonly tenant: string;
}

function failed(error: EngineError): E.Either<CliFailure, never> {
  return E.left(cannotProceed(`${error.code}: ${error.message}`));
}

interface KeyRow {
  readonly subscription: string;
  readonly product: string;
  readonly fingerprint: string;
  readonly variant: string;
  readonly revoked: boolean;
}

/**
 * Runs `engine.forgetTenant` with the engine's in-process vault, lists the tenant's keys that
 * shredding makes unreadable, and shows that the log still verifies. Says plainly that no
 * vault outside this process was touched.
 */
export async function runForgetTenant(args: ForgetTenantArgs, io: CommandIo): Promise<CommandOutcome> {
  return withStore(args.store, async (store) => {
    // Read-only: the engine keeps its read models in memory and never writes to the store.
    const engine = createEngine({ store, persistProjections: false });
    const list = await engine.softwareList(CLI_AUDITOR, args.tenant);
    if (E.isLeft(list)) return failed(list.left);
    const forgotten = await engine.forgetTenant(args.tenant);
    if (E.isLeft(forgotten)) return failed(forgotten.left);
    const verified = await engine.verify();
    if (E.isLeft(verified)) return failed(verified.left);
    const keys: KeyRow[] = list.right.flatMap((item) =>
      item.keys.map((key) => ({ subscription: item.subscriptionId, product: item.product.title, fingerprint: key.fingerprint, variant: formatVariant(key.variant), revoked: key.revoked })),
    );
    const lines = [
      `forget-tenant ${args.tenant} on ${store.name}`,
      `engine.forgetTenant ran: the vault it was given destroyed every data key it held for this tenant.`,
      list.right.length === 0
        ? 'The log holds no purchase for this tenant.'
        : `The tenant's ${list.right.length} purchase(s) hold ${forgotten.right.keysShredded} product key(s), sealed under its data keys; once those data keys are destroyed they can never be shown again:`,
      ...(keys.length === 0 ? [] : renderTable<KeyRow>([
        { header: 'subscription', cell: (row) => row.subscription },
        { header: 'product', cell: (row) => row.product },
        { header: 'key fingerprint', cell: (row) => row.fingerprint },
        { header: 'variant', cell: (row) => row.variant },
        { header: 'revoked', cell: (row) => (row.revoked ? 'yes' : 'no') },
      ], keys).map((line) => `  ${line}`)),
      `The log was not changed: verify ${verified.right.ok ? 'ok' : 'FAILED'}, ${verified.right.events} events in ${verified.right.streams} streams.`,
      '',
      "Note: this CLI reaches no key vault but the engine's in-process one, which lives only as long as this",
      'process and never held the keys your platform sealed: nothing outside this process was destroyed.',
      'To shred for real, your platform calls engine.forgetTenant(tenantId) with its KMS-backed KeyVault.',
    ];
    io.out(`${lines.join('\n')}\n`);
    return verified.right.ok ? succeeded : E.right({ exitCode: 1, problem: 'the log does not verify: run csp-onprem verify' });
  });
}
