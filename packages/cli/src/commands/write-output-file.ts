import { writeFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { cannotProceed, reasonOf, type CliFailure } from '../cli-failure.js';

/** Writes a command's output file, or says in one line why it could not. */
export function writeOutputFile(file: string, content: string): E.Either<CliFailure, void> {
  try {
    writeFileSync(file, content, 'utf8');
    return E.right(undefined);
  } catch (cause) {
    return E.left(cannotProceed(`cannot write ${file}: ${reasonOf(cause)}`));
  }
}
