import type fc from 'fast-check';

/**
 * Run parameters for a property: `numRuns` scaled by `FC_RUNS_SCALE` (default 1), and
 * `FC_SEED` / `FC_PATH` to replay exactly the failure fast-check printed.
 */
export function propertyRuns<T>(numRuns: number): fc.Parameters<T> {
  const scale = Number(process.env.FC_RUNS_SCALE ?? '1');
  const seed = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
    ...(path !== undefined && path !== '' ? { path } : {}),
  };
}
