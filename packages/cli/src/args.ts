import * as E from 'fp-ts/lib/Either.js';
import { TenantId } from '@csp-onprem/domain';
import { oneLineOf, processSources, storeAddressOr, storeAddressText, type AddressSources } from './address/address-source.js';
import { parseStoreAddress, type StoreAddress } from './address/store-address.js';
import type { ConsistencyArgs } from './commands/consistency.js';
import type { DigestArgs } from './commands/digest.js';
import type { ExportArgs } from './commands/export.js';
import type { ForgetTenantArgs } from './commands/forget-tenant.js';
import type { ProveArgs } from './commands/prove.js';
import type { RecordedByArgument, ReplayArgs } from './commands/replay.js';
import type { RotateKekArgs } from './commands/rotate-kek.js';
import type { ServeArgs } from './commands/serve.js';
import type { VerifyArgs } from './commands/verify.js';
import { COMMANDS, type CommandName } from './help-texts.js';
import { parseAsOf, parseInstant, parsePosition } from './instants.js';
import { defined, parseOptions, requiredValue, valueOf, type OptionSpecs, type ParsedOptions } from './options.js';
import type { OptionsShape } from '@csp-onprem/engine';
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
  | ({ readonly kind: 'serve' } & ServeArgs)
  | ({ readonly kind: 'consistency' } & ConsistencyArgs)
  | ({ readonly kind: 'prove' } & ProveArgs)
  | { readonly kind: 'usage-error'; readonly message: string };

type Parsed = E.Either<string, ParsedArgs>;

const specs: Readonly<Record<CommandName, OptionSpecs>> = {
  demo: { db: 'value', 'kek-file': 'value' },
  verify: { store: 'value', 'store-file': 'value', digest: 'value', json: 'flag', 'public-key': 'value', 'tsa-cert': 'value' },
  digest: { store: 'value', 'store-file': 'value', at: 'value', out: 'value', force: 'flag', sign: 'value', 'tsa-url': 'value', 'tsa-url-file': 'value', 'tsa-cert': 'value' },
  replay: {
    store: 'value',
    'store-file': 'value',
    'as-of': 'value',
    customer: 'value',
    json: 'flag',
    'recorded-by': 'value',
    digest: 'value',
    'public-key': 'value',
    'tsa-cert': 'value',
    'allow-unverified': 'flag',
  },
  export: {
    store: 'value',
    'store-file': 'value',
    format: 'value',
    out: 'value',
    customer: 'value',
    from: 'value',
    to: 'value',
    digest: 'value',
    'public-key': 'value',
    'tsa-cert': 'value',
    'allow-unverified': 'flag',
    force: 'flag',
  },
  'forget-tenant': { store: 'value', 'store-file': 'value', tenant: 'value' },
  'rotate-kek': { store: 'value', 'store-file': 'value', 'kek-file': 'value', 'next-kek-file': 'value' },
  serve: {
    store: 'value',
    'store-file': 'value',
    host: 'value',
    port: 'value',
    'kek-file': 'value',
    'dev-identity': 'flag',
    issuer: 'value',
    audience: 'value',
    'jwks-url': 'value',
    'operator-tenant': 'value',
  },
  consistency: consistencySpecs,
  prove: proveSpecs,
};

/** The host `serve` listens on unless told: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';
/** The port `serve` listens on unless told. */
export const DEFAULT_PORT = 8080;

function port(text: string | undefined): E.Either<string, number> {
  if (text === undefined) return E.right(DEFAULT_PORT);
  const value = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return value >= 0 && value <= 65535 ? E.right(value) : E.left(`--port ${text} is not a port (0 to 65535; 0 picks a free one)`);
}

function operatorTenants(text: string | undefined): E.Either<string, string[]> {
  if (text === undefined) return E.right([]);
  const tenants = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const bad = tenants.find((tenantId) => !TenantId.is(tenantId));
  return bad === undefined ? E.right(tenants.map((tenantId) => tenantId.toLowerCase())) : E.left(`--operator-tenant ${bad} is not a tenant GUID`);
}

function serveIdentityArgs(o: ParsedOptions, operators: string[]): E.Either<string, ServeArgs['identity']> {
  const issuer = valueOf(o, 'issuer');
  const audience = valueOf(o, 'audience');
  const jwksUrl = valueOf(o, 'jwks-url');
  if (o.has('dev-identity')) {
    if (issuer !== undefined || audience !== undefined || jwksUrl !== undefined) return E.left('--dev-identity makes its own keys and tokens: leave out --issuer, --audience and --jwks-url');
    return E.right({ kind: 'development', operatorTenants: operators });
  }
  if (issuer === undefined || audience === undefined) return E.left('serve needs --issuer and --audience (the tokens it accepts), or --dev-identity for development');
  if (jwksUrl !== undefined && !URL.canParse(jwksUrl)) return E.left(`--jwks-url ${jwksUrl} is not a URL`);
  return E.right(defined({ kind: 'issuer' as const, issuer, audience, jwksUrl, operatorTenants: operators }));
}

/** The store address from --store, --store-file or the environment (see {@link storeAddressText}). */
function store(options: ParsedOptions, command: CommandName, sources: AddressSources): E.Either<string, StoreAddress> {
  const address = storeAddressText(command, valueOf(options, 'store'), valueOf(options, 'store-file'), sources);
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

// A URL whose authority holds a user name or password: `scheme://user[:password]@host`.
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

/**
 * The TSA's URL from `--tsa-url` or the one line of `--tsa-url-file`. Credentials are taken
 * from the file only: on the command line every user of the machine reads them in the process list.
 */
function tsaUrlOf(o: ParsedOptions, sources: AddressSources): E.Either<string, string | undefined> {
  const [url, file] = [valueOf(o, 'tsa-url'), valueOf(o, 'tsa-url-file')];
  if (url !== undefined && file !== undefined) return E.left('give --tsa-url or --tsa-url-file, not both');
  if (file !== undefined) return oneLineOf('--tsa-url-file', file, "the TSA's URL", sources);
  if (url !== undefined && URL_WITH_CREDENTIALS.test(url)) {
    return E.left('--tsa-url holds a user name or password, which every user of this machine could read in the process list: put the URL in a file and give --tsa-url-file');
  }
  return E.right(url);
}

const builders: Readonly<Record<CommandName, (options: ParsedOptions, sources: AddressSources) => Parsed>> = {
  demo: (o) => E.right(defined({ kind: 'demo' as const, db: valueOf(o, 'db') ?? DEFAULT_DB_PATH, kekFile: valueOf(o, 'kek-file') })),
  verify: (o, sources) => {
    const address = store(o, 'verify', sources);
    if (E.isLeft(address)) return address;
    return E.right(defined({ kind: 'verify' as const, store: address.right, ...digestOptions(o), json: o.has('json') }));
  },
  digest: (o, sources) => {
    const address = store(o, 'digest', sources);
    if (E.isLeft(address)) return address;
    const at = optional(valueOf(o, 'at'), (text) => parsePosition('--at', text));
    if (E.isLeft(at)) return at;
    const [sign, tsaCert] = [valueOf(o, 'sign'), valueOf(o, 'tsa-cert')];
    const tsaUrl = tsaUrlOf(o, sources);
    if (E.isLeft(tsaUrl)) return tsaUrl;
    if (tsaUrl.right !== undefined && sign === undefined) return E.left('--tsa-url needs --sign: the TSA timestamps the signed head');
    if (tsaCert !== undefined && tsaUrl.right === undefined) return E.left('--tsa-cert needs --tsa-url: it checks the token the TSA answers');
    return E.right(defined({ kind: 'digest' as const, store: address.right, at: at.right, out: valueOf(o, 'out'), force: o.has('force') || undefined, sign, tsaUrl: tsaUrl.right, tsaCert }));
  },
  replay: (o, sources) => {
    const address = store(o, 'replay', sources);
    if (E.isLeft(address)) return address;
    const asOfText = requiredValue(o, 'replay', 'as-of');
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
  export: (o, sources) => {
    const address = store(o, 'export', sources);
    if (E.isLeft(address)) return address;
    const format = requiredValue(o, 'export', 'format');
    if (E.isLeft(format)) return format;
    if (format.right !== 'json' && format.right !== 'csv' && format.right !== 'html') return E.left(`--format ${format.right} is not one of json, csv, html`);
    const out = requiredValue(o, 'export', 'out');
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
  'forget-tenant': (o, sources) => {
    const address = store(o, 'forget-tenant', sources);
    if (E.isLeft(address)) return address;
    const text = requiredValue(o, 'forget-tenant', 'tenant');
    if (E.isLeft(text)) return text;
    const id = tenant('--tenant', text.right);
    if (E.isLeft(id)) return id;
    return E.right({ kind: 'forget-tenant' as const, store: address.right, tenant: id.right ?? text.right });
  },
  'rotate-kek': (o, sources) => {
    const address = store(o, 'rotate-kek', sources);
    if (E.isLeft(address)) return address;
    const next = requiredValue(o, 'rotate-kek', 'next-kek-file');
    if (E.isLeft(next)) return next;
    return E.right(defined({ kind: 'rotate-kek' as const, store: address.right, kekFile: valueOf(o, 'kek-file'), nextKekFile: next.right }));
  },
  serve: (o, sources) => {
    const text = storeAddressOr(`sqlite:${DEFAULT_DB_PATH}`, valueOf(o, 'store'), valueOf(o, 'store-file'), sources);
    const address = E.isLeft(text) ? text : parseStoreAddress(text.right);
    if (E.isLeft(address)) return address;
    const listenPort = port(valueOf(o, 'port'));
    if (E.isLeft(listenPort)) return listenPort;
    const operators = operatorTenants(valueOf(o, 'operator-tenant'));
    if (E.isLeft(operators)) return operators;
    const identity = serveIdentityArgs(o, operators.right);
    if (E.isLeft(identity)) return identity;
    return E.right(
      defined({ kind: 'serve' as const, store: address.right, host: valueOf(o, 'host') ?? DEFAULT_HOST, port: listenPort.right, kekFile: valueOf(o, 'kek-file'), identity: identity.right }),
    );
  },
  consistency: (o, sources) => consistencyArgs(o, () => store(o, 'consistency', sources)),
  prove: (o, sources) => proveArgs(o, () => store(o, 'prove', sources)),
};

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/** Every command but `command`, with its options, for messages naming where an option belongs. */
function otherCommands(command: CommandName): OptionsShape[] {
  return COMMANDS.filter((other) => other !== command).map((other) => ({ name: other, keys: Object.keys(specs[other]) }));
}

/**
 * Parses the arguments after `node csp-onprem`. `--help` anywhere wins and names the command it
 * follows. A store address not given with `--store` is looked for in `sources` (by default this
 * process's environment and files): `--store-file`, CSP_ONPREM_STORE, DATABASE_URL, PG*.
 */
export function parseArgs(args: readonly string[], sources: AddressSources = processSources): ParsedArgs {
  const [command, ...rest] = args;
  const known = command !== undefined && isCommand(command) ? command : undefined;
  if (args.includes('--help') || args.includes('-h')) return known === undefined ? { kind: 'help' } : { kind: 'help', command: known };
  if (command === undefined) return { kind: 'usage-error', message: 'no command given' };
  if (command === 'help') {
    const topic = rest[0];
    return topic !== undefined && isCommand(topic) ? { kind: 'help', command: topic } : { kind: 'help' };
  }
  if (known === undefined) return { kind: 'usage-error', message: `unknown command: ${command}` };
  const options = parseOptions(known, rest, specs[known], otherCommands(known));
  const parsed = E.isLeft(options) ? options : builders[known](options.right, sources);
  return E.isLeft(parsed) ? { kind: 'usage-error', message: parsed.left } : parsed.right;
}
