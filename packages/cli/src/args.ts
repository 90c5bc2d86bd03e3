/** The default database file of `csp-onprem demo`. */
export const DEFAULT_DB_PATH = './csp-onprem.db';

/** What the command line asks for. */
export type ParsedArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'demo'; readonly db: string }
  | { readonly kind: 'usage-error'; readonly message: string };

/** The text `--help` prints. */
export const usage = `Usage: csp-onprem <command> [options]

Commands:
  demo             Play the Partner Center guide for two customers on the embedded SQLite
                   store (buy, get keys, view again, download, copy link, the customer's
                   GlobalAdmin view, cancellations) and print the software lists, refund
                   eligibility, audit trail and hash-chain verification.

Options:
  --db <path>      SQLite database file for demo (default ${DEFAULT_DB_PATH}); created if
                   missing, appended to if it exists, so runs accumulate.
  -h, --help       Show this help.

Exit codes: 0 success, 1 the store is unavailable or the demo failed, 2 bad arguments.`;

function parseDemo(args: readonly string[]): ParsedArgs {
  let db = DEFAULT_DB_PATH;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--db') {
      const value = args[index + 1];
      if (value === undefined || value === '') return { kind: 'usage-error', message: '--db needs a file path' };
      db = value;
      index += 1;
    } else if (arg.startsWith('--db=')) {
      db = arg.slice('--db='.length);
      if (db === '') return { kind: 'usage-error', message: '--db needs a file path' };
    } else {
      return { kind: 'usage-error', message: `unknown argument for demo: ${arg}` };
    }
  }
  return { kind: 'demo', db };
}

/** Parses the arguments after `node csp-onprem`. `--help` anywhere wins. */
export function parseArgs(args: readonly string[]): ParsedArgs {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = args;
  if (command === undefined) return { kind: 'usage-error', message: 'no command given' };
  if (command === 'help') return { kind: 'help' };
  if (command === 'demo') return parseDemo(rest);
  return { kind: 'usage-error', message: `unknown command: ${command}` };
}
