import * as E from 'fp-ts/lib/Either.js';
import { formatVariant, type SoftwareItem } from '@csp-onprem/domain';
import { createEngine, type EngineError } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { CLI_AUDITOR } from '../audit/auditor.js';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import { renderTable, type Column } from '../render/table.js';
import { succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { storeVaultOf } from './store-vault.js';

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
  readonly shredded: boolean;
}

function keyRows(items: readonly SoftwareItem[]): KeyRow[] {
  return items.flatMap((item) =>
    item.keys.map((key) => ({
      subscription: item.subscriptionId,
      product: item.product.title,
      fingerprint: key.fingerprint,
      variant: formatVariant(key.variant),
      revoked: key.revoked,
      shredded: key.shredded,
    })),
  );
}

function keyTable(rows: readonly KeyRow[]): string[] {
  const columns: Column<KeyRow>[] = [
    { header: 'subscription', cell: (row) => row.subscription },
    { header: 'product', cell: (row) => row.product },
    { header: 'key fingerprint', cell: (row) => row.fingerprint },
    { header: 'variant', cell: (row) => row.variant },
    { header: 'revoked', cell: (row) => (row.revoked ? 'yes' : 'no') },
    { header: 'shredded', cell: (row) => (row.shredded ? 'yes' : 'no') },
  ];
  return rows.length === 0 ? [] : renderTable(columns, rows).map((line) => `  ${line}`);
}

/** What forgetting found, for the lines that tell it. */
interface Forgotten {
  readonly purchases: number;
  readonly keys: readonly KeyRow[];
  readonly verifyLine: string;
}

function forgottenLines(args: ForgetTenantArgs, store: string, done: Forgotten): string[] {
  const shredded = done.keys.filter((row) => row.shredded).length;
  return [
    `forget-tenant ${args.tenant} on ${store}`,
    `engine.forgetTenant destroyed every data key of this tenant in the store: their wrapped bytes are deleted (SQLite also overwrites them and truncates its write-ahead log).`,
    done.purchases === 0
      ? 'The log holds no purchase for this tenant.'
      : `The tenant's ${done.purchases} purchase(s) hold ${done.keys.length} product key(s); ${shredded} of them are now shredded and can never be shown again:`,
    ...keyTable(done.keys),
    done.verifyLine,
    '',
    'Backups and replicas made before now still hold the wrapped data keys: rotate the key-encryption key',
    '(csp-onprem rotate-kek) and destroy the old one, so that no copy can ever be unwrapped again.',
  ];
}

/**
 * Runs `engine.forgetTenant` on the store's own vault (its data keys; no key-encryption key is
 * needed to destroy them), lists which of the tenant's keys are now shredded, and shows that
 * the log still verifies.
 */
export async function runForgetTenant(args: ForgetTenantArgs, io: CommandIo): Promise<CommandOutcome> {
  return withStore(
    args.store,
    async (store) => {
      const vault = storeVaultOf(store);
      if (vault === undefined) return E.left(cannotProceed(`${store.name} keeps no data keys: there is nothing to shred there`));
      // The engine keeps its read models in memory: shredding writes only the data keys.
      const engine = createEngine({ store, persistProjections: false, vault });
      const forgotten = await engine.forgetTenant(args.tenant);
      if (E.isLeft(forgotten)) return failed(forgotten.left);
      const list = await engine.as(CLI_AUDITOR).softwareList(args.tenant);
      if (E.isLeft(list)) return failed(list.left);
      const verified = await engine.verify();
      if (E.isLeft(verified)) return failed(verified.left);
      const done: Forgotten = {
        purchases: list.right.length,
        keys: keyRows(list.right),
        verifyLine: `The log was not changed: verify ${verified.right.ok ? 'ok' : 'FAILED'}, ${verified.right.events} events in ${verified.right.streams} streams.`,
      };
      io.out(`${forgottenLines(args, store.name, done).join('\n')}\n`);
      return verified.right.ok ? succeeded : E.right({ exitCode: 1, problem: 'the log does not verify: run csp-onprem verify' });
    },
    'write',
  );
}
