import * as E from 'fp-ts/lib/Either.js';
import type { StoreAddress } from '../address/store-address.js';
import type { CliFailure } from '../cli-failure.js';
import { checkOutputTarget, writeOutputFile, type OutputTarget } from '../files/output-file.js';
import type { CommandIo } from './command-io.js';
import { terminalJson } from '../render/terminal-json.js';

/** Where a command that makes a proof writes it: a file (with --force to replace one) or stdout. */
export interface ProofDestination {
  readonly out?: string;
  readonly force?: boolean;
}

/** The output target of a proof, or undefined for stdout; checked before any work. */
export function proofTarget(destination: ProofDestination, store: StoreAddress, inputs: readonly string[]): E.Either<CliFailure, OutputTarget | undefined> {
  if (destination.out === undefined) return E.right(undefined);
  const target: OutputTarget = { file: destination.out, force: destination.force ?? false, store, inputs };
  const allowed = checkOutputTarget(target);
  return E.isLeft(allowed) ? allowed : E.right(target);
}

/** Writes a proof as pretty JSON to its target, or to stdout; `summary` is printed after a file was written. */
export function writeProof(target: OutputTarget | undefined, proof: unknown, io: CommandIo, summary: string): E.Either<CliFailure, void> {
  const text = terminalJson(proof);
  if (target === undefined) {
    io.out(text);
    return E.right(undefined);
  }
  const written = writeOutputFile(target, text);
  if (E.isLeft(written)) return written;
  io.out(`${summary}; written to ${target.file}\n`);
  return E.right(undefined);
}
