import * as E from 'fp-ts/lib/Either.js';
import type { StoreAddress } from './address/store-address.js';
import type { ConsistencyArgs } from './commands/consistency.js';
import type { ProveArgs } from './commands/prove.js';
import { parsePosition } from './instants.js';
import { defined, requiredValue, valueOf, type OptionSpecs, type ParsedOptions } from './options.js';

/** The options of `csp-onprem consistency`. */
export const consistencySpecs: OptionSpecs = { store: 'value', 'store-file': 'value', from: 'value', to: 'value', check: 'value', out: 'value', force: 'flag', 'public-key': 'value' };

/** The options of `csp-onprem prove`. */
export const proveSpecs: OptionSpecs = { store: 'value', 'store-file': 'value', event: 'value', digest: 'value', check: 'value', out: 'value', force: 'flag', 'public-key': 'value' };

/** Reads the --store of a command, as every command reads it. */
export type StoreOption = () => E.Either<string, StoreAddress>;

/** Refuses options that make no sense with --check, which works offline from files alone. */
function offlineOnly(options: ParsedOptions, command: string, others: readonly string[]): E.Either<string, void> {
  const given = others.find((name) => options.has(name));
  return given === undefined ? E.right(undefined) : E.left(`${command} --check works offline from the proof file: --${given} is not used with it`);
}

/** Parses `csp-onprem consistency`: --from, --to and --store to make a proof, or --check to verify one. */
export function consistencyArgs(options: ParsedOptions, store: StoreOption): E.Either<string, { readonly kind: 'consistency' } & ConsistencyArgs> {
  const publicKey = valueOf(options, 'public-key');
  const check = valueOf(options, 'check');
  if (check !== undefined) {
    const offline = offlineOnly(options, 'consistency', ['store', 'store-file', 'from', 'to', 'out', 'force']);
    return E.isLeft(offline) ? offline : E.right(defined({ kind: 'consistency' as const, mode: 'check' as const, check, publicKey }));
  }
  const from = requiredValue(options, 'consistency', 'from', ' (the older digest), or --check <proof file>');
  if (E.isLeft(from)) return from;
  const to = requiredValue(options, 'consistency', 'to', ' (the newer digest)');
  if (E.isLeft(to)) return to;
  const address = store();
  if (E.isLeft(address)) return address;
  return E.right(defined({ kind: 'consistency' as const, mode: 'make' as const, store: address.right, from: from.right, to: to.right, out: valueOf(options, 'out'), force: options.has('force') || undefined, publicKey }));
}

/** Parses `csp-onprem prove`: --event, --digest and --store to make a proof, or --check and --digest to verify one. */
export function proveArgs(options: ParsedOptions, store: StoreOption): E.Either<string, { readonly kind: 'prove' } & ProveArgs> {
  const publicKey = valueOf(options, 'public-key');
  const digest = requiredValue(options, 'prove', 'digest', ' (the tree head the event is proven in)');
  if (E.isLeft(digest)) return digest;
  const check = valueOf(options, 'check');
  if (check !== undefined) {
    const offline = offlineOnly(options, 'prove', ['store', 'store-file', 'event', 'out', 'force']);
    return E.isLeft(offline) ? offline : E.right(defined({ kind: 'prove' as const, mode: 'check' as const, check, digest: digest.right, publicKey }));
  }
  const eventText = requiredValue(options, 'prove', 'event', ' (the position of the event), or --check <proof file>');
  if (E.isLeft(eventText)) return eventText;
  const event = parsePosition('--event', eventText.right);
  if (E.isLeft(event)) return event;
  const address = store();
  if (E.isLeft(address)) return address;
  return E.right(defined({ kind: 'prove' as const, mode: 'make' as const, store: address.right, event: event.right, digest: digest.right, out: valueOf(options, 'out'), force: options.has('force') || undefined, publicKey }));
}
