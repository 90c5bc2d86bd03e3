import type { RecordedEvent, StoredEvent } from '@csp-onprem/engine';
import type { CommandOutcome } from './outcomes.js';

/**
 * Lists every lost or duplicated stream version and duplicated event id: each stream's
 * versions must be exactly 1..n, each (stream, version) and each event id must appear once.
 */
export function streamVersionProblems(records: readonly StoredEvent[]): string[] {
  const problems: string[] = [];
  const versions = new Map<string, number[]>();
  const eventIds = new Set<string>();
  for (const record of records) {
    if (eventIds.has(record.eventId)) problems.push(`event id ${record.eventId} appears twice`);
    eventIds.add(record.eventId);
    const list = versions.get(record.streamId) ?? [];
    list.push(record.version);
    versions.set(record.streamId, list);
  }
  for (const [streamId, list] of versions) {
    const sorted = [...list].sort((a, b) => a - b);
    sorted.forEach((version, index) => {
      if (version !== index + 1) problems.push(`${streamId}: version ${index + 1} expected, found ${version} (a version lost or duplicated)`);
    });
  }
  return problems;
}

/**
 * Lists every way the log and the writers' logs disagree: an acknowledged command's events
 * must be in the log exactly once (same ids, types and versions, nothing more under its
 * command id); a refused command, `VersionConflict` included, must have written nothing; and
 * every event in the log must belong to an acknowledged command.
 */
export function acknowledgementProblems(events: readonly RecordedEvent[], outcomes: readonly CommandOutcome[]): string[] {
  const problems: string[] = [];
  const byCommand = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byCommand.get(event.meta.commandId) ?? [];
    list.push(event);
    byCommand.set(event.meta.commandId, list);
  }
  const issued = new Set<string>();
  for (const outcome of outcomes) {
    if (issued.has(outcome.commandId)) problems.push(`command id ${outcome.commandId} was issued twice`);
    issued.add(outcome.commandId);
    const written = byCommand.get(outcome.commandId) ?? [];
    if (!outcome.result.ok) {
      if (written.length > 0) problems.push(`${outcome.commandId} (${outcome.type}) answered ${outcome.result.code} but wrote ${written.length} event(s)`);
      continue;
    }
    if (outcome.result.replayed) problems.push(`${outcome.commandId} was answered as a repeat, but no writer reuses a command id`);
    const expected = outcome.result.events.map((event) => `${event.eventId}:${event.type}:v${event.version}`);
    const found = written.map((event) => `${event.eventId}:${event.type}:v${event.version}`);
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      problems.push(`${outcome.commandId} (${outcome.type}) acknowledged [${expected.join(', ')}] but the log holds [${found.join(', ')}]`);
    }
    if (written.some((event) => event.meta.commandType !== outcome.type)) problems.push(`${outcome.commandId} has events of another command type`);
  }
  for (const [commandId, written] of byCommand) {
    if (!issued.has(commandId)) problems.push(`${written.length} event(s) of command ${commandId}, which no writer issued`);
  }
  return problems;
}

/** How the version conflicts the writers met ended. */
export interface ConflictFigures {
  /** Version conflicts met in all (each one a reload and a new decision, or the final answer). */
  readonly conflictsMet: number;
  /** Commands that met at least one conflict and then succeeded. */
  readonly retriedToSuccess: number;
  /** Commands that met a conflict and, decided again on the newer state, were refused by a rule. */
  readonly retriedToRefusal: number;
  /** Commands answered `VersionConflict` after the engine ran out of retries. */
  readonly returnedVersionConflict: number;
}

/** Counts how the conflicts ended; throws on a conflict that ended any other way. */
export function conflictFigures(outcomes: readonly CommandOutcome[], maxRetries: number): ConflictFigures {
  let conflictsMet = 0;
  let retriedToSuccess = 0;
  let retriedToRefusal = 0;
  let returnedVersionConflict = 0;
  for (const outcome of outcomes) {
    conflictsMet += outcome.conflicts;
    if (!outcome.result.ok && outcome.result.code === 'VersionConflict') {
      if (outcome.conflicts !== maxRetries + 1) {
        throw new Error(`${outcome.commandId} answered VersionConflict after ${outcome.conflicts} conflicts, not after ${maxRetries + 1} tries`);
      }
      returnedVersionConflict += 1;
    } else if (outcome.conflicts > 0) {
      if (outcome.result.ok) retriedToSuccess += 1;
      else if (outcome.result.code === 'StoreUnavailable') throw new Error(`${outcome.commandId} met a conflict and then StoreUnavailable`);
      else retriedToRefusal += 1;
    }
  }
  return { conflictsMet, retriedToSuccess, retriedToRefusal, returnedVersionConflict };
}
