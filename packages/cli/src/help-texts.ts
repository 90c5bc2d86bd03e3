import { STORE_ADDRESS_FORMS } from './address/store-address.js';

/** The commands of `csp-onprem`. */
export const COMMANDS = ['demo', 'verify', 'digest', 'replay', 'export', 'forget-tenant'] as const;
/** A command of `csp-onprem`. */
export type CommandName = (typeof COMMANDS)[number];

const STORE_OPTION = `  --store <address>  Where the log is: ${STORE_ADDRESS_FORMS}.
                     A SQLite file, or a PostgreSQL schema, must exist: the audit
                     commands never create a store.`;

const EXIT_CODES = 'Exit codes: 0 success, 1 the check failed or the store could not be read, 2 bad arguments or input.';

const VAULT_OPTION = `  --vault <file>       A development vault file (written by csp-onprem demo, by default
                       <db>.vault.json beside its database): keys are then reported
                       shredded true or false instead of unknown. The file must exist.`;

const PROGRESS = 'On a terminal, long reads draw a progress bar on stderr (events, rate, time left); never with --json or when stderr is not a terminal.';

/** The text `csp-onprem --help` prints. */
export const usage = `Usage: csp-onprem <command> [options]

Commands:
  verify           Decode every event and check every stream's hash chain (and a kept digest).
  digest           Write a digest of all stream heads, to keep somewhere else.
  replay           The software lists and refund eligibility as they stood at an instant or position.
  export           The audit trail as JSON, CSV or a self-contained HTML timeline.
  forget-tenant    Crypto-shred a customer tenant in a --vault file (without one, only shown in-process).
  demo             Play the Partner Center guide for two customers on a SQLite file.

Run csp-onprem <command> --help for a command's options.
${EXIT_CODES}`;

const demo = `Usage: csp-onprem demo [--db <path>] [--vault <file>]

Play the Partner Center guide for two customers on the embedded SQLite store (buy, get keys,
view again, download, copy link, the customer's GlobalAdmin view, cancellations) and print
the software lists, refund eligibility, audit trail and hash-chain verification.

Options:
  --db <path>      SQLite database file (default ./csp-onprem.db); created if missing,
                   appended to if it exists, so runs accumulate.
  --vault <file>   The development key vault file that keeps the data keys sealing the
                   product keys (default <db>.vault.json); created (mode 0600) if missing.
                   It is for development and demos, not a KMS: the keys sit beside the data.
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
                         [--vault <file>] [--json]

The software lists and the refund eligibility of every purchase exactly as they stood at a
past instant or global position, replayed from the log alone.

Options:
${STORE_OPTION}
  --as-of <when>       An ISO-8601 instant (2025-03-01T09:30:00Z; a bare day such as 2025-03-01
                       means its last millisecond, UTC) or a global position (a whole number).
                       For a position, eligibility is computed at the time of that event.
  --customer <tenant>  Only this customer tenant (GUID); default every customer.
${VAULT_OPTION}
  --json               Print JSON instead of tables.
  -h, --help           Show this help.

Product keys are shown by fingerprint only. Whether a tenant was crypto-shredded is kept in
the key vault, not in the log: without --vault the CLI reports it as unknown (null); with
--vault, as the vault file says today (whatever the as-of).

${PROGRESS}
${EXIT_CODES}`;

const exportHelp = `Usage: csp-onprem export --store <address> --format json|csv|html --out <file>
                         [--customer <tenant>] [--from <instant>] [--to <instant>] [--vault <file>]

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
${VAULT_OPTION}
                       The HTML then draws a "shredded" badge on shredded keys.
  -h, --help           Show this help.

No export ever holds a product key: keys appear by fingerprint; sealed keys are left out.

${PROGRESS}
${EXIT_CODES}`;

const forgetTenant = `Usage: csp-onprem forget-tenant --store <address> --tenant <guid> [--vault <file>]

Crypto-shredding: engine.forgetTenant(tenantId) destroys the customer tenant's data keys in
the key vault, so its product keys can never be unsealed again, while the log (which holds
only sealed keys and fingerprints) is not changed and still verifies.

With --vault <file>, the command destroys the tenant's data keys in that development vault
file for real (the file csp-onprem demo writes, <db>.vault.json by default) and lists which
of the tenant's keys are now shredded. A vault file is for development and demos, not a KMS:
it keeps the data keys beside the data.

Without --vault, the command can only destroy keys in a vault it can reach: the engine's
in-process vault, which lives as long as this process and never held the keys your platform
sealed. It then demonstrates the mechanism: it runs engine.forgetTenant, lists the tenant's
keys that shredding makes unreadable, and verifies that the log still holds. To shred your
platform's keys, your platform calls engine.forgetTenant with the KeyVault backed by its KMS.

Options:
${STORE_OPTION}
  --tenant <guid>    The customer tenant to forget.
  --vault <file>     The development vault file whose keys of the tenant to destroy; it
                     must exist. The log is never written.
  -h, --help         Show this help.

${EXIT_CODES}`;

/** Each command's \`--help\` text. */
export const commandHelp: Readonly<Record<CommandName, string>> = {
  demo,
  verify,
  digest,
  replay,
  export: exportHelp,
  'forget-tenant': forgetTenant,
};
