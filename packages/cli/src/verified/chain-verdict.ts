import type { VerifyFailure } from '@csp-onprem/engine';
import { plural } from '../text/plural.js';


/**
 * A chain failure in words an auditor understands, naming the purchase first: what is wrong
 * with its history, then where (version and position). `expectedVersion` is the version the
 * purchase's next event should have had.
 */
export function chainVerdict(failure: VerifyFailure, expectedVersion: number, purchase: string): string {
  const where = `version ${failure.version}, position ${failure.position}`;
  switch (failure.problem) {
    case 'hash':
      return `${purchase}: an event was changed after it was written (${where})`;
    case 'prev-hash':
      return `${purchase}: its history was cut or reordered: the event at ${where} does not follow the one before it`;
    case 'version-gap':
      return failure.version > expectedVersion
        ? `${purchase}: ${plural(failure.version - expectedVersion, 'event')} missing from the middle of its history (version ${expectedVersion}${failure.version - expectedVersion > 1 ? ` to ${failure.version - 1}` : ''}, before position ${failure.position})`
        : `${purchase}: an event was inserted into its history or repeated: version ${failure.version} again at position ${failure.position}`;
    case 'decode':
      return `${purchase}: an event cannot be read: it is not a valid event (${where})`;
  }
}
