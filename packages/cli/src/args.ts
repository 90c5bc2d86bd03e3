import * as E from 'fp-ts/lib/Either.js';
import { TenantId } from '@csp-onprem/domain';
import { parseStoreAddress, type StoreAddress } from './address/store-address.js';
import type { ConsistencyArgs } from './commands/consistency.js';
import type { DigestArgs } from './commands/digest.js';
import type { ExportArgs } from './commands/export.js';
import type { ForgetTenantArgs } from './commands/forget-tenant.js';
import type { ProveArgs } from './commands/prove.js';
import type { RecordedByArgument, ReplayArgs } from './commands/replay.js';
import type { RotateKekArgs } from './commands/rotate-kek.js';
import type { VerifyArgs } from './commands/verify.js';
import { COMMANDS, type CommandName } from './help-texts.js';
import { parseAsOf, parseInstant, parsePosition } from './instants.js';
import { parseOptions, valueOf, type OptionSpecs, type ParsedOptions } from './options.js';
import { consistencyArgs, consistencySpecs, proveArgs, proveSpecs } from './proof-args.js';

export { usage } from './help-texts.js';

/** The default database file of `csp-onprem demo`. */
export const DEFAULT_DB_PATH = './csp-onprem.db';

/** The formats `export` writes. */
export type ExportFormat = 'json' | 'csv' | 'html';


/** What the command line asks for: each command's own arguments, tagged with its name. */
export type ParsedArgs =
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'demo'; readonly db: string; readonly kekFile?: string }
  | ({ readonly kind: 'verify' } & VerifyArgs)
  | ({ readonly kind: 'digest' } & DigestArgs)
  | ({ readonly kind: 'replay' } & ReplayArgs)
  | ({ readonly kind: 'export' } & ExportArgs)
  | ({ readonly kind: 'forget-tenant' } & ForgetTenantArgs)
  | ({ readonly kind: 'rotate-kek' } & RotateKekArgs)
  | ({ readonly kind: 'consistency' } & ConsistencyArgs)
  | ({ readonly kind: 'prove' } & ProveArgs)
  | { readonly kind: 'usage-error'; readonly message: string };

type Parsed = E.Either<string, ParsedArgs>;

const specs: Readonly<Record<CommandName, OptionSpecs>> = {
  demo: { db: 'value', 'kek-file': 'value' },
  verify: { store: 'value', digest: 'value', json: 'flag', 'public-key': 'value', 'tsa-cert': 'value' },
  digest: { store: 'value', at: 'value', out: 'value', force: 'flag', sign: 'value', 'tsa-url': 'value', 'tsa-cert': 'value' },
  replay: { store: 'value', 'as-of': 'value', customer: 'value', json: 'flag', 'recorded-by': 'value', digest: 'value', 'public-key': 'value', 'tsa-cert': 'value', 'allow-unverified': 'flag' },
  export: { store: 'value', format: 'value', out: 'value', customer: 'value', from: 'value', to: 'value', digest: 'value', 'public-key': 'value', 'tsa-cert': 'value', 'allow-unverified': 'flag', force: 'flag' },
  'forget-tenant': { store: 'value', tenant: 'value' },
  'rotate-kek': { store: 'value', 'kek-file': 'value', 'next-kek-file': 'value' },
  consistency: consistencySpecs,
  prove: proveSpecs,
};

function required(options: ParsedOptions, command: CommandName, name: string): E.Either<string, string> {
  const value = valueOf(options, name);
  return value === undefined ? E.left(`${command} needs --${name}`) : E.right(value);
}

function store(options: ParsedOptions, command: CommandName): E.Either<string, StoreAddress> {
  const address = required(options, command, 'store');
  return E.isLeft(address) ? address : parseStoreAddress(address.right);
}

function tenant(option: string, text: string | undefined): E.Either<string, string | undefined> {
  if (text === undefined) return E.right(undefined);
  return TenantId.is(text) ? E.right(text.toLowerCase()) : E.left(`${option} ${text} is not a tenant GUID`);
}

/** The options naming a kept digest and what to check it against, as verify, replay and export take them. */
function digestOptions(o: ParsedOptions): { digest?: string; publicKey?: string; tsaCert?: string } {
  return defined({ digest: valueOf(o, 'digest'), publicKey: valueOf(o, 'public-key'), tsaCert: valueOf(o, 'tsa-cert') });
}

/** Parses --recorded-by: a whole number is a position, anything else a digest file. */
function recordedBy(text: string | undefined): E.Either<string, RecordedByArgument | undefined> {
  if (text === undefined) return E.right(undefined);
  if (!/^\d+$/.test(text)) return E.right({ kind: 'digest', file: text });
  const position = parsePosition('--recorded-by', text);
  return E.isLeft(position) ? position : E.right({ kind: 'position', position: position.right });
}

function optional<A>(text: string | undefined, parse: (text: string) => E.Either<string, A>): E.Either<string, A | undefined> {
  return text === undefined ? E.right(undefined) : parse(text);
}

/** Leaves out the keys whose value is undefined, for exact optional properties. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const builders: Readonly<Record<CommandName, (options: ParsedOptions) => Parsed>> = {
  demo: (o) => E.right(defined({ kind: 'demo' as const, db: valueOf(o, 'db') ?? DEFAULT_DB_PATH, kekFile: valueOf(o, 'kek-file') })),
  verify: (o) => {
    const address = store(o, 'verify');
    if (E.isLeft(address)) return address;
    return E.right(defined({ kind: 'verify' as const, store: address.right, ...digestOptions(o), json: o.has('json') }));
  },
  digest: (o) => {
    const address = store(o, 'digest');
    if (E.isLeft(address)) return address;
    const at = optional(valueOf(o, 'at'), (text) => parsePosition('--at', text));
    if (E.isLeft(at)) return at;
    const [sign, tsaUrl, tsaCert] = [valueOf(o, 'sign'), valueOf(o, 'tsa-url'), valueOf(o, 'tsa-cert')];
    if (tsaUrl !== undefined && sign === undefined) return E.left('--tsa-url needs --sign: the TSA timestamps the signed head');
    if (tsaCert !== undefined && tsaUrl === undefined) return E.left('--tsa-cert needs --tsa-url: it checks the token the TSA answers');
    return E.right(defined({ kind: 'digest' as const, store: address.right, at: at.right, out: valueOf(o, 'out'), force: o.has('force') || undefined, sign, tsaUrl, tsaCert }));
  },
  replay: (o) => {
    const address = store(o, 'replay');
    if (E.isLeft(address)) return address;
    const asOfText = required(o, 'replay', 'as-of');
    if (E.isLeft(asOfText)) return asOfText;
    const asOf = parseAsOf(asOfText.right);
    if (E.isLeft(asOf)) return asOf;
    const customer = tenant('--customer', valueOf(o, 'customer'));
    if (E.isLeft(customer)) return customer;
    const recorded = recordedBy(valueOf(o, 'recorded-by'));
    if (E.isLeft(recorded)) return recorded;
    return E.right(
      defined({ kind: 'replay' as const, store: address.right, asOf: asOf.right, customer: customer.right, recordedBy: recorded.right, ...digestOptions(o), allowUnverified: o.has('allow-unverified') || undefined, json: o.has('json') }),
    );
  },
  export: (o) => {
    const address = store(o, 'export');
    if (E.isLeft(address)) return address;
    const format = required(o, 'export', 'format');
    if (E.isLeft(format)) return format;
    if (format.right !== 'json' && format.right !== 'csv' && format.right !== 'html') return E.left(`--format ${format.right} is not one of json, csv, html`);
    const out = required(o, 'export', 'out');
    if (E.isLeft(out)) return out;
    const customer = tenant('--customer', valueOf(o, 'customer'));
    if (E.isLeft(customer)) return customer;
    const from = optional(valueOf(o, 'from'), (text) => parseInstant('--from', text, 'start'));
    if (E.isLeft(from)) return from;
    const to = optional(valueOf(o, 'to'), (text) => parseInstant('--to', text, 'end'));
    if (E.isLeft(to)) return to;
    if (from.right !== undefined && to.right !== undefined && from.right > to.right) return E.left('--from is after --to');
    return E.right(
      defined({
        kind: 'export' as const,
        store: address.right,
        format: format.right,
        out: out.right,
        customer: customer.right,
        from: from.right,
        to: to.right,
        ...digestOptions(o),
        allowUnverified: o.has('allow-unverified') || undefined,
        force: o.has('force') || undefined,
      }),
    );
  },
  'forget-tenant': (o) => {
    const address = store(o, 'forget-tenant');
    if (E.isLeft(address)) return address;
    const text = required(o, 'forget-tenant', 'tenant');
    if (E.isLeft(text)) return text;
    const id = tenant('--tenant', text.right);
    if (E.isLeft(id)) return id;
    return E.right({ kind: 'forget-tenant' as const, store: address.right, tenant: id.right ?? text.right });
  },
  'rotate-kek': (o) => {
    const address = store(o, 'rotate-kek');
    if (E.isLeft(address)) return address;
    const next = required(o, 'rotate-kek', 'next-kek-file');
    if (E.isLeft(next)) return next;
    return E.right(defined({ kind: 'rotate-kek' as const, store: address.right, kekFile: valueOf(o, 'kek-file'), nextKekFile: next.right }));
  },
  consistency: (o) => consistencyArgs(o, () => store(o, 'consistency')),
  prove: (o) => proveArgs(o, () => store(o, 'prove')),
};

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/** Parses the arguments after `node csp-onprem`. `--help` anywhere wins and names the command it follows. */
export function parseArgs(args: readonly string[]): ParsedArgs {
  const [command, ...rest] = args;
  const known = command !== undefined && isCommand(command) ? command : undefined;
  if (args.includes('--help') || args.includes('-h')) return known === undefined ? { kind: 'help' } : { kind: 'help', command: known };
  if (command === undefined) return { kind: 'usage-error', message: 'no command given' };
  if (command === 'help') {
    const topic = rest[0];
    return topic !== undefined && isCommand(topic) ? { kind: 'help', command: topic } : { kind: 'help' };
  }
  if (known === undefined) return { kind: 'usage-error', message: `unknown command: ${command}` };
  const options = parseOptions(known, rest, specs[known]);
  const parsed = E.isLeft(options) ? options : builders[known](options.right);
  return E.isLeft(parsed) ? { kind: 'usage-error', message: parsed.left } : parsed.right;
}
