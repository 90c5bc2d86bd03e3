#!/usr/bin/env node
import * as E from 'fp-ts/lib/Either.js';
import { KEY_ENCRYPTION_KEY_VARIABLE } from '@csp-onprem/engine';
import { parseArgs, usage } from './args.js';
import type { CommandIo, CommandOutcome } from './commands/command-io.js';
import { runConsistency } from './commands/consistency.js';
import { runDigest } from './commands/digest.js';
import { runExport } from './commands/export.js';
import { runForgetTenant } from './commands/forget-tenant.js';
import { runProve } from './commands/prove.js';
import { runReplay } from './commands/replay.js';
import { runRotateKek } from './commands/rotate-kek.js';
import { runServe } from './commands/serve.js';
import { runVerify } from './commands/verify.js';
import { runDemo } from './demo/run-demo.js';
import { commandHelp } from './help-texts.js';
import { defaultKekPath } from './kek/kek-file.js';
import { terminalText } from './render/terminal-text.js';
import { argumentsFault } from './text/argument-text.js';

const PROGRAM = 'csp-onprem';

/** One line on stderr; no control character from a message (which may quote stored text) reaches the terminal. */
function fail(line: string, exitCode: number): void {
  process.stderr.write(`${PROGRAM}: ${terminalText(line)}\n`);
  process.exitCode = exitCode;
}

const io: CommandIo = { out: (text) => process.stdout.write(text), progress: process.stderr };

function finish(outcome: CommandOutcome): void {
  if (E.isLeft(outcome)) {
    fail(outcome.left.message, outcome.left.exitCode);
    return;
  }
  if (outcome.right.problem !== undefined) fail(outcome.right.problem, outcome.right.exitCode);
  else process.exitCode = outcome.right.exitCode;
}

async function main(args: readonly string[]): Promise<void> {
  // Arguments reach store addresses, file names and messages: well-formed text without controls only.
  const fault = argumentsFault(args);
  if (fault !== undefined) {
    fail(`${fault} (try --help)`, 2);
    return;
  }
  const parsed = parseArgs(args);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(`${parsed.command === undefined ? usage : commandHelp[parsed.command]}\n`);
      return;
    case 'usage-error':
      fail(`${parsed.message} (try --help)`, 2);
      return;
    case 'demo': {
      // The KEK named, else the environment's, else a file beside the database (made on first run).
      const fromEnvironment = (process.env[KEY_ENCRYPTION_KEY_VARIABLE] ?? '') !== '';
      const kekPath = parsed.kekFile ?? (fromEnvironment ? undefined : defaultKekPath(parsed.db));
      const result = await runDemo({ db: parsed.db, ...(kekPath === undefined ? {} : { kekPath }), out: (line) => process.stdout.write(`${line}\n`) });
      if (E.isLeft(result)) {
        fail(`${result.left.code}: ${result.left.message}`, 1);
      } else if (!result.right.verify.ok) {
        fail(`verify found a broken hash chain in ${result.right.store}`, 1);
      }
      return;
    }
    case 'verify':
      return finish(await runVerify(parsed, io));
    case 'digest':
      return finish(await runDigest(parsed, io));
    case 'replay':
      return finish(await runReplay(parsed, io));
    case 'export':
      return finish(await runExport(parsed, io));
    case 'forget-tenant':
      return finish(await runForgetTenant(parsed, io));
    case 'rotate-kek':
      return finish(await runRotateKek(parsed, io));
    case 'serve':
      return finish(await runServe(parsed, io));
    case 'consistency':
      return finish(await runConsistency(parsed, io));
    case 'prove':
      return finish(await runProve(parsed, io));
  }
}

// A reader that stops early (`csp-onprem demo | head`) closes the pipe: stop quietly, no stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fail(`cannot write the output: ${error.message}`, 1);
});

main(process.argv.slice(2)).catch((cause: unknown) => {
  // A thrown error is a bug or broken infrastructure: one line by default, the stack on request.
  const detail = process.env['CSP_ONPREM_DEBUG'] && cause instanceof Error ? (cause.stack ?? cause.message) : cause instanceof Error ? cause.message : String(cause);
  fail(`unexpected error: ${detail}`, 1);
});
