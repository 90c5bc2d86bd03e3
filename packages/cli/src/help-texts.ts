import { STORE_ADDRESS_FORMS } from './address/store-address.js';
import { consistencyHelp, proveHelp } from './help-proofs.js';
import { STORE_OPTION, storeFileOption } from './help-store-option.js';

/** The commands of `csp-onprem`. */
export const COMMANDS = ['serve', 'demo', 'verify', 'digest', 'replay', 'export', 'forget-tenant', 'rotate-kek', 'consistency', 'prove'] as const;
/** A command of `csp-onprem`. */
export type CommandName = (typeof COMMANDS)[number];

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
  verify           Decode every event and check every chain, a kept digest and the read models.
  digest           Write the log's tree head (signed, timestamped), to keep somewhere else.
  consistency      Prove (or check offline) that the log only grew between two digests.
  prove            Prove (or check offline) that one event is in the log a digest covers.
  replay           The software lists and refund eligibility as they stood at an instant or position.
  export           The audit trail as JSON, CSV or a self-contained HTML timeline, verified.
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

const verify = `Usage: csp-onprem verify --store <address> [--digest <file> [--public-key <pem>] [--tsa-cert <pem>]]
                         [--json]

In one pass over the log: decode every event and check every stream's hash chain (versions
without gaps, each prevHash equal to the previous hash, each hash recomputed), and compare
the read models the store keeps with a fold of the log. With --digest, also check that the
log still holds exactly what the digest covered: a tree head names every purchase that lost
events, vanished, was rewritten, got events written into its past, or whose events moved (an
older csp-onprem-heads/1 digest is still read, but cannot name the purchase). Every failure
names the purchase and says what is wrong in words, then the technical detail. Sanity
warnings (times going backwards, event ids whose time disagrees, credits that are not the
policy's) are listed apart: they are not signs of tampering on their own.

Options:
${STORE_OPTION}
  --digest <file>      A digest written earlier by csp-onprem digest.
  --public-key <pem>   The Ed25519 public key the digest must be signed with.
  --tsa-cert <pem>     The certificate of the TSA whose timestamp token the digest must carry.
  --json               Print the report as JSON.
  -h, --help           Show this help.

Without --public-key a signed digest's signature is NOT checked (and the report says so).

${PROGRESS}
${EXIT_CODES}`;

const digest = `Usage: csp-onprem digest --store <address> [--at <position>] [--out <file> [--force]]
                         [--sign <ed25519-private.pem> [--tsa-url <url> | --tsa-url-file <file> [--tsa-cert <pem>]]]

Write the log's tree head (csp-onprem-tree-head/1): the number of events, the last position,
the RFC 9162 Merkle root over every event's position, stream, version and hash in the global
order, and every purchase's last event. Signed with --sign (Ed25519: the head gains its time,
key id and signature) and timestamped with --tsa-url (an RFC 3161 token over the signed head,
kept in the file). The log is verified in the same pass and read again to see that it did not
change meanwhile: a log that does not verify gets no digest. Keep the file outside the
platform; csp-onprem verify --digest checks the log against it later, consistency proves that
the log only grew between two of them, prove proves that one event is in it.

Options:
${STORE_OPTION}
  --at <position>      Digest the log up to this global position (default: the end).
  --out <file>         Write the digest to a file instead of stdout (never over the store; an
                       existing file only with --force).
  --force              Replace an existing --out file.
  --sign <pem>         The Ed25519 private key (PKCS #8 PEM) to sign the head with; it never
                       appears in any output or message.
  --tsa-url <url>      An RFC 3161 time-stamping authority (http or https), with no user name
                       or password (the process list would show them).
  --tsa-url-file <file>
                       A file whose one line is the TSA's URL; a user name and password in it
                       are sent as HTTP basic authentication, never shown.
  --tsa-cert <pem>     The TSA's certificate, to check its token at once.
  -h, --help           Show this help.

${PROGRESS}
${EXIT_CODES}`;

const replay = `Usage: csp-onprem replay --store <address> --as-of <instant | position> [--customer <tenant>]
                         [--recorded-by <digest | position>] [--digest <file> [--public-key <pem>]
                         [--tsa-cert <pem>]] [--allow-unverified] [--json]

The software lists and the refund eligibility of every purchase as they stood at a past
instant or global position, replayed from the log alone. The heading states the exact set
of events used ("events 1–41 except 17, 33 (dated after the instant)"). The log is verified
in the same pass: if it does not verify, nothing is printed and the exit code is 1.

Options:
${STORE_OPTION}
  --as-of <when>       An ISO-8601 instant (2025-03-01T09:30:00Z; a bare day such as 2025-03-01
                       means its last millisecond, UTC) or a global position (a whole number).
                       For a position, eligibility is computed at the time of that event.
  --customer <tenant>  Only this customer tenant (GUID); default every customer.
  --recorded-by <digest | position>
                       Use only the events recorded by then: at or before this position, or
                       the position of this kept digest (which is then checked like --digest).
                       An event dated before the instant but written later is left out.
  --digest <file>      Check the log against this kept digest too.
  --public-key <pem>   The Ed25519 public key the digest must be signed with.
  --tsa-cert <pem>     The certificate of the TSA whose timestamp token the digest must carry.
  --allow-unverified   Print the replay even when the log does not verify, with UNVERIFIED and
                       why as its first line (and a verification field in JSON); exits 1.
  --json               Print JSON instead of tables.
  -h, --help           Show this help.

Product keys are shown by fingerprint only. ${SHREDDING} It is reported as it stands today,
whatever the as-of.

${PROGRESS}
${EXIT_CODES}`;

const exportHelp = `Usage: csp-onprem export --store <address> --format json|csv|html --out <file> [--force]
                         [--customer <tenant>] [--from <instant>] [--to <instant>]
                         [--digest <file> [--public-key <pem>] [--tsa-cert <pem>]]
                         [--allow-unverified]

The audit trail: every event with its actor, role, tenant, time and purchase, verified in the
same pass (every chain; the kept digest when given) and stamped with what it was verified
against (position, tree root, digest, signature key id): a verification field in JSON, a
first line in CSV, a line under the title in HTML. If the log does not verify, no file is
written and the exit code is 1.
  json  the trail and the purchases it covers, for tools;
  csv   one row per event (RFC 4180 quoting), for spreadsheets;
  html  one self-contained page (no scripts, no external resources): a timeline per customer
        and purchase with the cancellation window drawn, keys by fingerprint, a legend.

Options:
${STORE_OPTION}
  --format <format>    json, csv or html.
  --out <file>         The file to write: never the store itself, and an existing file only
                       with --force.
  --force              Replace an existing --out file.
  --digest <file>      Check the log against this kept digest too.
  --public-key <pem>   The Ed25519 public key the digest must be signed with.
  --tsa-cert <pem>     The certificate of the TSA whose timestamp token the digest must carry.
  --allow-unverified   Write the export even when the log does not verify, stamped UNVERIFIED
                       with why: a verification field in JSON, a first line in CSV, a banner
                       on every page in HTML; exits 1.
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

const serve = `Usage: csp-onprem serve [--store <address> | --store-file <file>] [--host <host>] [--port <n>] [--kek-file <file>]
                        (--issuer <url> --audience <aud> [--jwks-url <url>] | --dev-identity)
                        [--operator-tenant <guid>[,<guid>...]]

Run the engine as an HTTP service: POST /v1/commands and a route per command, the software
list, refund eligibility, audit trail and ticket queue, /openapi.json, /healthz, /readyz,
/metrics, and the partner portal page at /. Every /v1 request needs Authorization: Bearer
<JWT>; the actor is built from the token alone. Stops on SIGINT or SIGTERM: requests in flight
finish, then the store closes.

Options:
  --store <address>  Where the log is: ${STORE_ADDRESS_FORMS}.
                     A SQLite file or a PostgreSQL schema is created when missing. Several
                     serve processes may share one PostgreSQL schema (or one SQLite file
                     on one machine).
${storeFileOption(', else sqlite:./csp-onprem.db')}
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
  consistency: consistencyHelp,
  prove: proveHelp,
};
