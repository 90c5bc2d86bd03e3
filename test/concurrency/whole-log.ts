import * as E from 'fp-ts/lib/Either.js';
import { decodeStoredEvent, type EventStore, type RecordedEvent, type StoredEvent } from '@csp-onprem/engine';

/** Every stored event of a store, in global order (throws if the store cannot be read). */
export async function readWholeLog(store: EventStore, pageSize = 5000): Promise<StoredEvent[]> {
  const records: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: records[records.length - 1]?.position ?? 0, limit: pageSize });
    if (E.isLeft(page)) throw new Error(`cannot read the log of ${store.name}: ${page.left.message}`);
    records.push(...page.right);
    if (page.right.length < pageSize) return records;
  }
}

/** Decodes every stored event, failing on the first that does not decode. */
export function decodeAll(records: readonly StoredEvent[]): RecordedEvent[] {
  return records.map((record) => {
    const decoded = decodeStoredEvent(record);
    if (E.isLeft(decoded)) throw new Error(`event at position ${record.position} does not decode: ${decoded.left}`);
    return decoded.right;
  });
}
