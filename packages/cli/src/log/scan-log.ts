import * as E from 'fp-ts/lib/Either.js';
import { decodeStoredEvent, type EventStore, type RecordedEvent } from '@csp-onprem/engine';
import { cannotProceed, type CliFailure } from '../cli-failure.js';

/** How far a scan read. */
export interface ScanSummary {
  readonly events: number;
  /** The position of the last event visited; 0 when none was. */
  readonly position: number;
}

const PAGE = 5000;

/**
 * Reads the global order from the start, decodes every event (older schema versions are
 * upcast) and hands it to `visit`, up to position `through` when given. An event that does not
 * decode stops the scan: an audit must not skip what it cannot read.
 */
export async function scanLog(store: EventStore, visit: (event: RecordedEvent) => void, through?: number): Promise<E.Either<CliFailure, ScanSummary>> {
  let after = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    if (E.isLeft(page)) return E.left(cannotProceed(`${page.left.code}: ${page.left.message}`));
    for (const stored of page.right) {
      if (through !== undefined && stored.position > through) return E.right({ events, position: after });
      const decoded = decodeStoredEvent(stored);
      if (E.isLeft(decoded)) {
        return E.left(cannotProceed(`event ${stored.streamId} v${stored.version} at position ${stored.position} does not decode (${decoded.left}); run csp-onprem verify`));
      }
      visit(decoded.right);
      after = stored.position;
      events += 1;
    }
    if (page.right.length < PAGE) return E.right({ events, position: after });
  }
}
