import { POSTGRES_VARIABLES, STORE_VARIABLE } from './address/address-source.js';
import { STORE_ADDRESS_FORMS } from './address/store-address.js';

/** The commands of `csp-onprem`. */
export const COMMANDS = ['serve', 'demo', 'verify', 'digest', 'replay', 'export', 'forget-tenant', 'rotate-kek'] as const;
/** A command of `csp-onprem`. */
export type CommandName = (typeof COMMANDS)[number];

const STORE_OPTION = `  --store <address>  Where the log is: ${STORE_ADDRESS_FORMS}.
                     A SQLite file, or a PostgreSQL schema, must exist: the audit
                     commands never create a store.
  --store-file <file>
                     A file holding the address on one line, so that its password is
                     not on the command line, where any user can list it. Without either
                     option: ${STORE_VARIABLE}, else DATABASE_URL (postgres://...), else,
                     when ${POSTGRES_VARIABLES.slice(0, -1).join(', ')} or ${POSTGRES_VARIABLES.at(-1) ?? ''} is set, postgres:// completed by
                     pg from the PG* variables and ~/.pgpass. Printed addresses never
                     show a password.`;

const EXIT_CODES = 'Exit codes: 0 success, 1 the check failed or the store could not be read, 2 bad arguments or input.';

const SHREDDING = `Whether a key was crypto-shredded comes from the store's own data keys (a destroyed data key
leaves its id behind, never its bytes): no key-encryption key is needed to tell it. A memory:
store keeps no data keys, so there it is reported as unknown (null).`;

const KEK_FILE = `  --kek-file <file>    The key-encryption key: 32 random bytes in base64 on one line
                       (openssl rand -base64 32 > file; chmod 600 file). Without it, the
                       CSP_ONPREM_KEY_ENCRYPTION_KEY environment variable.`;

const PROGRESS = 'On a terminal, long reads draw a progress bar on stderr (events, rate, time left); never with --json or when stderr is not a terminal.';

/** The text `csp-onprem --help` prints. */
export const usage = `Usage: csp-onprem <command> [options]

Commands:
  serve            Run the HTTP service: the API, its OpenAPI contract and the partner portal page.
  verify           Decode every event and check every stream's hash chain (and a kept digest).
  digest           Write a digest of all stream heads, to keep somewhere else.
  replay           The software lists and refund eligibility as they stood at an instant or position.
  export           The audit trail as JSON, CSV or a self-contained HTML timeline.
  forget-tenant    Crypto-shred a customer tenant: destroy its data keys in the store.
  rotate-kek       Rewrap every data key in the store under a new key-encryption key.
  demo             Play the Partner Center guide for two customers on a SQLite file.

Run csp-onprem <command> --help for a command's options.
${EXIT_CODES}`;

const demo = `Usage: csp-onprem demo [--db <path>] [--kek-file <file>]

Play the Partner Center guide for two customers on the embedded SQLite store (buy, get keys,
view again, download, copy link, the customer's GlobalAdmin view, cancellations) and print
the software lists, refund eligibility, audit trail and hash-chain verification.

Options:
  --db <path>      SQLite database file (default ./csp-onprem.db); created if missing,
                   appended to if it exists, so runs accumulate.
  --kek-file <file>
                   The key-encryption key that wraps the data keys the database keeps
                   (32 bytes, base64). Default: CSP_ONPREM_KEY_ENCRYPTION_KEY when set, else
                   <db>.kek, made (32 random bytes, mode 0600) on the first run. Keep it: without
                   it no product key in the database can be shown again.
  -h, --help       Show this help.

Exit codes: 0 success, 1 the store is unavailable or the demo failed, 2 bad arguments.`;

const verify = `Usage: csp-onprem verify --store <address> [--digest <file>] [--json]

Decode every event and check every stream's hash chain: versions without gaps, each
prevHash equal to the previous hash, each hash recomputed. Exits 1 naming the first bad
event (stream, version, global position and what differs). With --digest, also recompute
the kept digest at its position: equal roots prove no stream was deleted, truncated or
changed up to there; the chain check proves that what came after only appended.

Options:
${STORE_OPTION}
  --digest <file>    A digest written earlier by csp-onprem digest.
  --json             Print the report as JSON.
  -h, --help         Show this help.

${PROGRESS}
${EXIT_CODES}`;

const digest = `Usage: csp-onprem digest --store <address> [--at <position>] [--out <file>]

Write a small JSON digest of every stream's head (a Merkle root over the sorted heads, with
the counts and the position) for the auditor to keep outside the platform. Later,
csp-onprem verify --digest <file> proves the log still holds what was digested.

Options:
${STORE_OPTION}
  --at <position>    Digest the log up to this global position (default: the end).
  --out <file>       Write the digest to a file instead of stdout.
  -h, --help         Show this help.

${PROGRESS}
${EXIT_CODES}`;

const replay = `Usage: csp-onprem replay --store <address> --as-of <instant | position> [--customer <tenant>]
                         [--json]

The software lists and the refund eligibility of every purchase exactly as they stood at a
past instant or global position, replayed from the log alone.

Options:
${STORE_OPTION}
  --as-of <when>       An ISO-8601 instant (2025-03-01T09:30:00Z; a bare day such as 2025-03-01
                       means its last millisecond, UTC) or a global position (a whole number).
                       For a position, eligibility is computed at the time of that event.
  --customer <tenant>  Only this customer tenant (GUID); default every customer.
  --json               Print JSON instead of tables.
  -h, --help           Show this help.

Product keys are shown by fingerprint only. ${SHREDDING} It is reported as it stands today,
whatever the as-of.

${PROGRESS}
${EXIT_CODES}`;

const exportHelp = `Usage: csp-onprem export --store <address> --format json|csv|html --out <file>
                         [--customer <tenant>] [--from <instant>] [--to <instant>]

The audit trail: every event with its actor, role, tenant, time and purchase.
  json  the trail and the purchases it covers, for tools;
  csv   one row per event (RFC 4180 quoting), for spreadsheets;
  html  one self-contained page (no scripts, no external resources): a timeline per customer
        and purchase with the cancellation window drawn, keys by fingerprint, a legend.

Options:
${STORE_OPTION}
  --format <format>    json, csv or html.
  --out <file>         The file to write.
  --customer <tenant>  Only this customer tenant (GUID).
  --from <instant>     Only events at or after this instant (a bare day: its start, UTC).
  --to <instant>       Only events at or before this instant (a bare day: its end, UTC).
  -h, --help           Show this help.

No export ever holds a product key: keys appear by fingerprint; sealed keys are left out. The
HTML draws a "shredded" badge on shredded keys. ${SHREDDING}

${PROGRESS}
${EXIT_CODES}`;

const forgetTenant = `Usage: csp-onprem forget-tenant --store <address> --tenant <guid>

Crypto-shredding: engine.forgetTenant(tenantId) destroys the customer tenant's data keys in
the store (SQLite and PostgreSQL delete their rows, SQLite overwrites the freed bytes and
truncates its write-ahead log), so its product keys can never be unsealed again, while the
log (which holds only sealed keys and fingerprints) is not changed and still verifies. Lists
which of the tenant's keys are now shredded. No key-encryption key is needed to destroy.

Backups taken before still hold the wrapped data keys: rotate the key-encryption key
afterwards (csp-onprem rotate-kek) and destroy the old one.

Options:
${STORE_OPTION}
  --tenant <guid>    The customer tenant to forget.
  -h, --help         Show this help.

${EXIT_CODES}`;

const rotateKek = `Usage: csp-onprem rotate-kek --store <address> --next-kek-file <file> [--kek-file <file>]

Rewrap every data key the store keeps under the next key-encryption key, one key at a time
and each atomically: if the command is interrupted, every key still opens under one of the
two keys, and running it again (with both) finishes the job. Afterwards only the next key is
needed; start every process with it, then destroy the old one.

Options:
${STORE_OPTION}
${KEK_FILE}
  --next-kek-file <file>
                       The next key-encryption key, in the same form.
  -h, --help           Show this help.

${EXIT_CODES}`;

const serve = `Usage: csp-onprem serve [--store <address>] [--host <host>] [--port <n>] [--kek-file <file>]
                        (--issuer <url> --audience <aud> [--jwks-url <url>] | --dev-identity)
                        [--operator-tenant <guid>[,<guid>...]]

Run the engine as an HTTP service: POST /v1/commands and a route per command, the software
list, refund eligibility, audit trail and ticket queue, /openapi.json, /healthz, /readyz,
/metrics, and the partner portal page at /. Every /v1 request needs Authorization: Bearer
<JWT>; the actor is built from the token alone. Stops on SIGINT or SIGTERM: requests in flight
finish, then the store closes.

Options:
  --store <address>  Where the log is: ${STORE_ADDRESS_FORMS}.
                     Default sqlite:./csp-onprem.db. A SQLite file or a PostgreSQL schema is
                     created when missing. Several serve processes may share one PostgreSQL
                     schema (or one SQLite file on one machine).
  --host <host>      The address to listen on (default 127.0.0.1: this machine only).
  --port <n>         The port (default 8080; 0 picks a free one).
${KEK_FILE}
                       With --dev-identity on a SQLite file and neither given, <db>.kek
                       (made on first run, mode 0600), as the demo does.
  --issuer <url>     The iss every token must carry. {tenantid} in it stands for the token's
                     own tid (a multi-tenant Entra ID app: https://login.microsoftonline.com/
                     {tenantid}/v2.0, with --jwks-url).
  --audience <aud>   The aud every token must carry: this service's application id URI.
  --jwks-url <url>   The issuer's signing keys; default: found by OpenID discovery at
                     <issuer>/.well-known/openid-configuration. https, or http to this machine.
  --operator-tenant <guid>[,<guid>...]
                     The service operator's tenants: only their tokens' Support and Auditor
                     roles are honoured (any other tenant's admins could assign those).
  --dev-identity     Development only: make a signing key in memory, serve its JWKS, print a
                     ready-made token per persona of the demo (the portal's persona switcher
                     uses them), treat the demo's refund desk as an operator tenant, and seed an
                     empty store with the demo's story. NOT FOR PRODUCTION: anyone who can reach
                     the service can take the tokens.
  -h, --help         Show this help.

Environment: CSP_ONPREM_KEY_ENCRYPTION_KEY (the KEK, base64), CSP_ONPREM_LOG_LEVEL (pino's level;
default info, warn with --dev-identity). Logs are JSON lines on stdout, with credentials,
product keys and links redacted.

Exit codes: 0 stopped by a signal, 1 the store, the port or the identity provider could not be
used, 2 bad arguments.`;

/** Each command's \`--help\` text. */
export const commandHelp: Readonly<Record<CommandName, string>> = {
  serve,
  demo,
  verify,
  digest,
  replay,
  export: exportHelp,
  'forget-tenant': forgetTenant,
  'rotate-kek': rotateKek,
};
