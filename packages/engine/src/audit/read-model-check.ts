import * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../projections/projection.js';
import { PurchaseIndexProjection } from '../projections/purchase-index-projection.js';
import { SoftwareListProjection } from '../projections/software-list-projection.js';
import { TicketQueueProjection } from '../projections/ticket-queue-projection.js';
import type { RecordedEvent } from '../recorded-event.js';
import type { EventStore } from '../store/event-store.js';
import { canonicalJson } from '../store/hashing.js';
import type { SavedProjection, SavedReadModels } from '../store/projection-state-store.js';
import type { StoreUnavailableError } from '../store/store-errors.js';
import { verifiedPass, type VerifyReport } from '../verify.js';
import type { ReadModelDifference, ReadModelReport } from './read-model-report.js';

/** Fresh instances of every read model the engine saves, to fold the log into. */
function readModels(): Projection[] {
  return [new SoftwareListProjection(), new PurchaseIndexProjection(), new TicketQueueProjection()];
}

interface Comparison {
  readonly projection: Projection;
  readonly saved: SavedProjection;
  /** Every key the fold made a document under. */
  readonly folded: Set<string>;
}

/** A document as the store keeps it: JSON, so undefined fields are left out. */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown);

function streamOfKey(readModel: string, key: string): string | undefined {
  if (readModel === 'software-list') return key;
  return key.startsWith('purchase:') ? key.slice('purchase:'.length) : undefined;
}

function differingFields(saved: unknown, folded: unknown): string[] {
  if (typeof saved !== 'object' || saved === null || typeof folded !== 'object' || folded === null || Array.isArray(saved) || Array.isArray(folded)) return ['(the document)'];
  const a = saved as Record<string, unknown>;
  const b = folded as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => canonicalJson(a[field] ?? null) !== canonicalJson(b[field] ?? null)).sort();
}

function compare({ projection, saved, folded }: Comparison): ReadModelDifference[] {
  const differences: ReadModelDifference[] = [];
  const name = projection.name;
  for (const key of [...new Set([...folded, ...saved.documents.keys()])].sort()) {
    const streamId = streamOfKey(name, key);
    const where = `${name} document ${key}`;
    const base = { readModel: name, key, ...(streamId === undefined ? {} : { streamId }) };
    const kept = saved.documents.get(key);
    const made = folded.has(key) ? asJson(projection.document(key)) : undefined;
    if (kept === undefined && made !== undefined) {
      differences.push({ ...base, problem: 'missing', fields: [], message: `${where} is missing: the log makes it, the store does not keep it` });
    } else if (kept !== undefined && made === undefined) {
      differences.push({ ...base, problem: 'unexpected', fields: [], message: `${where} is not made by the log: the store keeps a document no event accounts for` });
    } else if (canonicalJson(kept) !== canonicalJson(made)) {
      const fields = differingFields(kept, made);
      differences.push({ ...base, problem: 'differs', fields, message: `${where} differs from a fold of the log in ${fields.join(', ')}` });
    }
  }
  return differences;
}

/** Where a store's saved read models can be read, if it keeps any: its projection state, or its read-only view of it. */
export function keptReadModels(store: EventStore): SavedReadModels | undefined {
  return store.projections ?? store.savedReadModels;
}

/**
 * Compares the read models a store keeps with a fold of the log, event by event, so that a
 * verifying pass can do it in the same read: load it, hand it each event in global order, ask
 * for the report at the end. Each read model is folded up to the checkpoint it was saved at.
 */
export class ReadModelCheck {
  private constructor(private readonly comparisons: readonly Comparison[]) {}

  /** Loads the saved read models of a store (none for a store that keeps none). */
  static async load(store: EventStore): Promise<E.Either<StoreUnavailableError, ReadModelCheck>> {
    const comparisons: Comparison[] = [];
    const kept = keptReadModels(store);
    if (kept !== undefined) {
      for (const projection of readModels()) {
        const saved = await kept.load(projection.name);
        if (E.isLeft(saved)) return saved;
        if (saved.right.position > 0 || saved.right.documents.size > 0) comparisons.push({ projection, saved: saved.right, folded: new Set() });
      }
    }
    return E.right(new ReadModelCheck(comparisons));
  }

  /** Folds the next event of the global order into each read model saved at or after its position. */
  push(event: RecordedEvent): void {
    for (const { projection, saved, folded } of this.comparisons) {
      if (event.position > saved.position || (projection.eventTypes !== undefined && !projection.eventTypes.has(event.type))) continue;
      try {
        const key = projection.apply(event);
        if (key !== undefined) folded.add(key);
      } catch {
        // The runner leaves such an event out too; the fold stays comparable.
      }
    }
  }

  /** Every saved document that is not what the fold made. */
  result(): ReadModelReport {
    const differences = this.comparisons.flatMap(compare);
    return {
      ok: differences.length === 0,
      checked: this.comparisons.map(({ projection, saved }) => ({ readModel: projection.name, position: saved.position, documents: saved.documents.size })),
      differences,
    };
  }
}

/**
 * `verifyStore` and, in the same pass, the saved read models compared with a fold of the log:
 * `readModels` lists every document that differs, and `ok` is false when one does. A log that
 * does not verify is reported without `readModels`: its fold stopped at the first bad event.
 */
export async function verifyWithReadModels(store: EventStore, onProgress?: (eventsChecked: number) => void): Promise<E.Either<StoreUnavailableError, VerifyReport>> {
  const check = await ReadModelCheck.load(store);
  if (E.isLeft(check)) return check;
  const report = await verifiedPass(store, (event) => check.right.push(event), onProgress);
  if (E.isLeft(report)) return report;
  // A pass that stopped at a broken chain folded only part of the log: every document past the
  // break would differ, burying the finding that matters.
  if (!report.right.ok) return report;
  const readModels = check.right.result();
  return E.right({ ...report.right, ok: report.right.ok && readModels.ok, readModels });
}
