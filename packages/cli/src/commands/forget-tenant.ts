import * as E from 'fp-ts/lib/Either.js';
import { formatVariant, type SoftwareItem } from '@csp-onprem/domain';
import { createEngine, type EngineError, type KeyVault } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { CLI_AUDITOR } from '../audit/auditor.js';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import { renderTable, type Column } from '../render/table.js';
import { openVaultFile } from '../vault/open-vault-file.js';
import { succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';

/** What `csp-onprem forget-tenant` was asked. */
export interface ForgetTenantArgs {
  readonly store: StoreAddress;
  readonly tenant: string;
  /** A development vault file (fileKeyVault) whose keys of the tenant to destroy; without it, the in-process vault. */
  readonly vault?: string;
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

function keyTable(rows: readonly KeyRow[], withShredded: boolean): string[] {
  const columns: Column<KeyRow>[] = [
    { header: 'subscription', cell: (row) => row.subscription },
    { header: 'product', cell: (row) => row.product },
    { header: 'key fingerprint', cell: (row) => row.fingerprint },
    { header: 'variant', cell: (row) => row.variant },
    { header: 'revoked', cell: (row) => (row.revoked ? 'yes' : 'no') },
    ...(withShredded ? [{ header: 'shredded', cell: (row: KeyRow) => (row.shredded ? 'yes' : 'no') }] : []),
  ];
  return rows.length === 0 ? [] : renderTable(columns, rows).map((line) => `  ${line}`);
}

/** What forgetting found, for the lines that tell it. */
interface Forgotten {
  readonly purchases: number;
  readonly keys: readonly KeyRow[];
  readonly verifyLine: string;
}

function inProcessLines(args: ForgetTenantArgs, store: string, done: Forgotten): string[] {
  return [
    `forget-tenant ${args.tenant} on ${store}`,
    `engine.forgetTenant ran: the vault it was given destroyed every data key it held for this tenant.`,
    done.purchases === 0
      ? 'The log holds no purchase for this tenant.'
      : `The tenant's ${done.purchases} purchase(s) hold ${done.keys.length} product key(s), sealed under its data keys; once those data keys are destroyed they can never be shown again:`,
    ...keyTable(done.keys, false),
    done.verifyLine,
    '',
    "Note: without --vault this CLI reaches no key vault but the engine's in-process one, which lives only as long as",
    'this process and never held the keys your platform sealed: nothing outside this process was destroyed.',
    'To shred for real, your platform calls engine.forgetTenant(tenantId) with its KMS-backed KeyVault.',
  ];
}

function vaultFileLines(args: ForgetTenantArgs, vaultPath: string, store: string, done: Forgotten): string[] {
  const shredded = done.keys.filter((row) => row.shredded).length;
  const elsewhere = done.keys.length - shredded;
  return [
    `forget-tenant ${args.tenant} on ${store}, key vault ${vaultPath}`,
    `engine.forgetTenant destroyed every data key of this tenant in the vault file ${vaultPath}.`,
    done.purchases === 0
      ? 'The log holds no purchase for this tenant.'
      : `The tenant's ${done.purchases} purchase(s) hold ${done.keys.length} product key(s); ${shredded} of them are now shredded and can never be shown again:`,
    ...keyTable(done.keys, true),
    ...(elsewhere === 0 ? [] : [`${elsewhere} key(s) were sealed under data keys this vault file does not hold (another vault sealed them): this command could not shred them.`]),
    done.verifyLine,
    '',
    'Note: a vault file is for development and demos, not a KMS: it keeps data keys beside the data. To shred',
    "your platform's keys, it calls engine.forgetTenant(tenantId) with its KMS-backed KeyVault.",
  ];
}

/**
 * Runs `engine.forgetTenant` and shows that the log still verifies. With `--vault`, destroys
 * the tenant's data keys in that development vault file for real and lists which keys are
 * now shredded; without it, uses the engine's in-process vault and says plainly that no vault
 * outside this process was touched.
 */
export async function runForgetTenant(args: ForgetTenantArgs, io: CommandIo): Promise<CommandOutcome> {
  const opened = args.vault === undefined ? undefined : openVaultFile(args.vault);
  if (opened !== undefined && E.isLeft(opened)) return opened;
  const vault: KeyVault | undefined = opened?.right;
  return withStore(args.store, async (store) => {
    // Read-only: the engine keeps its read models in memory and never writes to the store.
    const engine = createEngine({ store, persistProjections: false, ...(vault === undefined ? {} : { vault }) });
    const forgotten = await engine.forgetTenant(args.tenant);
    if (E.isLeft(forgotten)) return failed(forgotten.left);
    const list = await engine.softwareList(CLI_AUDITOR, args.tenant);
    if (E.isLeft(list)) return failed(list.left);
    const verified = await engine.verify();
    if (E.isLeft(verified)) return failed(verified.left);
    const done: Forgotten = {
      purchases: list.right.length,
      keys: keyRows(list.right),
      verifyLine: `The log was not changed: verify ${verified.right.ok ? 'ok' : 'FAILED'}, ${verified.right.events} events in ${verified.right.streams} streams.`,
    };
    const lines = args.vault === undefined ? inProcessLines(args, store.name, done) : vaultFileLines(args, args.vault, store.name, done);
    io.out(`${lines.join('\n')}\n`);
    return verified.right.ok ? succeeded : E.right({ exitCode: 1, problem: 'the log does not verify: run csp-onprem verify' });
  });
}
