import { randomBytes } from 'node:crypto';

/** The order and subscription ids of one run: fresh per run, so runs can share a database file. */
export interface RunIds {
  readonly runId: string;
  readonly contosoOrder: string;
  readonly contosoSql: string;
  readonly contosoWindows: string;
  readonly fabrikamOrder: string;
  readonly fabrikamSql: string;
}

/** A short random run id such as `7F3A09C2`. */
export function newRunId(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/** The ids of the story's orders and subscriptions for a run. */
export function runIds(runId: string): RunIds {
  return {
    runId,
    contosoOrder: `ORD-${runId}-CON`,
    contosoSql: `SUB-${runId}-CON-1`,
    contosoWindows: `SUB-${runId}-CON-2`,
    fabrikamOrder: `ORD-${runId}-FAB`,
    fabrikamSql: `SUB-${runId}-FAB-1`,
  };
}
