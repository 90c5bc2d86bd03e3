#!/usr/bin/env node
import * as E from 'fp-ts/lib/Either.js';
import { parseArgs, usage } from './args.js';
import { runDemo } from './demo/run-demo.js';

const PROGRAM = 'csp-onprem';

function fail(line: string, exitCode: number): void {
  process.stderr.write(`${PROGRAM}: ${line}\n`);
  process.exitCode = exitCode;
}

async function main(args: readonly string[]): Promise<void> {
  const parsed = parseArgs(args);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(`${usage}\n`);
      return;
    case 'usage-error':
      fail(`${parsed.message} (try --help)`, 2);
      return;
    case 'demo': {
      const result = await runDemo({ db: parsed.db, out: (line) => process.stdout.write(`${line}\n`) });
      if (E.isLeft(result)) {
        fail(`${result.left.code}: ${result.left.message}`, 1);
      } else if (!result.right.verify.ok) {
        fail(`verify found a broken hash chain in ${result.right.store}`, 1);
      }
      return;
    }
  }
}

main(process.argv.slice(2)).catch((cause: unknown) => {
  // A thrown error is a bug or broken infrastructure: one line by default, the stack on request.
  const detail = process.env['CSP_ONPREM_DEBUG'] && cause instanceof Error ? (cause.stack ?? cause.message) : cause instanceof Error ? cause.message : String(cause);
  fail(`unexpected error: ${detail}`, 1);
});
