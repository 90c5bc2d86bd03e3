import * as E from 'fp-ts/lib/Either.js';
import type { EngineError, Executed } from '@csp-onprem/engine';
import type { WorkItem } from '../workload/work-item.js';

/** Why a command's outcome differs from what the workload demands, or `undefined` when it matches. */
export function engineMismatch(item: WorkItem, result: E.Either<EngineError, Executed>): string | undefined {
  const where = `command #${item.seq} ${String(item.command['type'])} ${String(item.command['commandId'])}`;
  if (E.isLeft(result)) {
    return item.expect === result.left.code ? undefined : `${where}: expected ${item.expect}, got ${result.left.code}: ${result.left.message}`;
  }
  if (item.expect === 'replayed') return result.right.replayed ? undefined : `${where}: expected a replayed result, but it wrote events`;
  if (item.expect !== 'ok') return `${where}: expected ${item.expect}, but it succeeded`;
  const types = result.right.events.map((event) => event.type).join(',');
  return types === item.events.join(',') ? undefined : `${where}: expected events ${item.events.join(',')}, got ${types}`;
}

/** Collects mismatches, keeping the first few for the report. */
export class MismatchLog {
  count = 0;
  readonly first: string[] = [];

  add(problem: string | undefined): void {
    if (problem === undefined) return;
    this.count += 1;
    if (this.first.length < 5) this.first.push(problem);
  }
}
