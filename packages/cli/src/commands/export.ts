import * as E from 'fp-ts/lib/Either.js';
import type { KeyVault } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import type { ExportFormat } from '../args.js';
import { cannotProceed } from '../cli-failure.js';
import { TrailCollector, type TrailFilter } from '../export/collect-trail.js';
import { stampedExport } from '../export/stamped-export.js';
import { checkOutputTarget, writeOutputFile, type OutputTarget } from '../files/output-file.js';
import { withProgress } from '../progress/with-progress.js';
import { terminalText } from '../render/terminal-text.js';
import { verifiedFold } from '../verified/verified-fold.js';
import { progressContext, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { readDigestInput, type DigestOptions } from './read-digest-input.js';
import { storeVaultOf } from './store-vault.js';

/** What `csp-onprem export` was asked. */
export interface ExportArgs extends DigestOptions {
  readonly store: StoreAddress;
  readonly format: ExportFormat;
  readonly out: string;
  readonly customer?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Write the export even when the log does not verify, stamped UNVERIFIED throughout. */
  readonly allowUnverified?: boolean;
  /** Replace an existing --out file (never the store). */
  readonly force?: boolean;
}

function filterOf(args: ExportArgs, vault: KeyVault | undefined): TrailFilter {
  return {
    ...(vault === undefined ? {} : { vault }),
    ...(args.customer === undefined ? {} : { customer: args.customer }),
    ...(args.from === undefined ? {} : { from: args.from }),
    ...(args.to === undefined ? {} : { to: args.to }),
  };
}

/**
 * Writes the audit trail, in range, as JSON, CSV or a self-contained HTML timeline, verified in
 * the same pass (every chain, and the kept digest when given) and stamped with what it was
 * verified against. A log that does not verify gets no file and exit 1, unless
 * --allow-unverified, which writes it stamped UNVERIFIED throughout. Never writes over the
 * store, nor over an existing file without --force.
 */
export async function runExport(args: ExportArgs, io: CommandIo): Promise<CommandOutcome> {
  const digest = readDigestInput(args);
  if (E.isLeft(digest)) return digest;
  const inputs = [args.digest, args.publicKey, args.tsaCert].filter((file): file is string => file !== undefined);
  const target: OutputTarget = { file: args.out, force: args.force ?? false, store: args.store, inputs };
  const allowed = checkOutputTarget(target);
  if (E.isLeft(allowed)) return allowed;
  return withStore(args.store, async (store) => {
    // The store's data keys tell which keys were shredded; no key-encryption key is needed for that.
    const vault = storeVaultOf(store);
    const collector = new TrailCollector(filterOf(args, vault));
    const verification = await withProgress(progressContext(io, false), store, 'export', (s) => verifiedFold(s, digest.right, (event) => collector.push(event)));
    if (E.isLeft(verification)) return verification;
    if (!verification.right.verified && args.allowUnverified !== true) {
      return E.left(
        cannotProceed(terminalText(`nothing was written: the log does not verify: ${verification.right.failures[0] ?? ''} (run csp-onprem verify for every finding; --allow-unverified writes the export stamped UNVERIFIED)`)),
      );
    }
    const trail = await collector.result(store.name);
    if (E.isLeft(trail)) return trail;
    const written = writeOutputFile(target, stampedExport(trail.right, args.format, verification.right));
    if (E.isLeft(written)) return written;
    const customers = new Set(trail.right.purchases.map((item) => item.customer.tenantId.toLowerCase())).size;
    const keys = trail.right.purchases.flatMap((item) => item.keys);
    const shredding = vault === undefined ? '' : `; ${keys.filter((key) => key.shredded === true).length} of ${keys.length} keys shredded`;
    io.out(`${[`exported ${trail.right.entries.length} events of ${trail.right.purchases.length} purchases (${customers} customers) from ${store.name} to ${args.out} (${args.format})${shredding}`, verification.right.statement].map(terminalText).join('\n')}\n`);
    if (verification.right.verified) return E.right({ exitCode: 0 });
    return E.right({ exitCode: 1, problem: terminalText(`exported UNVERIFIED (--allow-unverified): ${verification.right.failures[0] ?? ''}`) });
  });
}
