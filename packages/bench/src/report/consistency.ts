import type { MeasureResult } from '../measures/measure-spec.js';
import type { ChildOutcome } from '../run-child.js';

/**
 * What must hold whatever the timings: every command came to what the workload's rules
 * demand, every replay verified, the software list is the same whichever store and path
 * built it, and the hand-written baselines folded the same counts. Answers the problems.
 */
export function consistencyProblems(outcomes: ReadonlyMap<string, ChildOutcome>): string[] {
  const problems: string[] = [];
  const results = new Map<string, MeasureResult>();
  for (const [id, outcome] of outcomes) {
    if (!outcome.ok) problems.push(`${id} crashed: ${outcome.error.split('\n')[0] ?? ''}`);
    else results.set(id, outcome.result);
  }
  for (const [id, result] of results) {
    if (result.mismatches > 0) problems.push(`${id}: ${result.mismatches} mismatches, first: ${result.firstMismatches.join(' | ')}`);
  }
  const fullSize = ['commands:memory', 'commands:sqlite:1', 'commands:sqlite:concurrent', 'commands:postgres:1', 'commands:postgres:4', 'replay:sqlite', 'replay:postgres'];
  const digests = fullSize.flatMap((id) => {
    const result = results.get(id);
    // A command measure over a prefix of the workload built a smaller list: nothing to compare.
    const digest = result?.details['prefixOnly'] === true ? undefined : result?.readModelDigest;
    return digest === undefined ? [] : [[id, digest] as const];
  });
  const reference = digests[0];
  for (const [id, digest] of digests) {
    if (reference !== undefined && digest !== reference[1]) problems.push(`${id}: its software list differs from ${reference[0]}'s (${digest.slice(0, 12)} vs ${reference[1].slice(0, 12)})`);
  }
  for (const store of ['sqlite', 'postgres']) {
    const ours = results.get(`replay:${store}`)?.summary;
    const base = results.get(`replay-baseline:${store}`)?.summary;
    if (ours !== undefined && base !== undefined && JSON.stringify(ours) !== JSON.stringify(base)) {
      problems.push(`replay-baseline:${store} folded other counts than the engine: ${JSON.stringify(base)} vs ${JSON.stringify(ours)}`);
    }
  }
  return problems;
}
