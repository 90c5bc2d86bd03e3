import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MeasureResult, MeasureSpec } from './measures/measure-spec.js';

/** A measure's outcome: its result, or why its process failed. */
export type ChildOutcome = { readonly ok: true; readonly result: MeasureResult } | { readonly ok: false; readonly error: string };

/** Where `--cpu-prof` writes profiles, when profiling. */
export interface ChildOptions {
  readonly profileDir?: string;
}

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));

/** The environment variable a measure's process reads its spec from. */
export const SPEC_VARIABLE = 'CSP_ONPREM_BENCH_SPEC';

/** Runs one measure in its own Node process and waits for its result. */
export function runChild(spec: MeasureSpec, options: ChildOptions = {}): Promise<ChildOutcome> {
  const execArgv = [`--max-old-space-size=${spec.heapMb}`];
  if (options.profileDir !== undefined) {
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${spec.id.replace(/[^a-z0-9-]+/gi, '_')}.cpuprofile`);
  }
  return new Promise((resolve) => {
    let outcome: ChildOutcome | undefined;
    // In the environment, not the arguments: a PostgreSQL target's connection string may hold a
    // password, and any user may read a process's arguments.
    const env = { ...process.env, [SPEC_VARIABLE]: JSON.stringify(spec) };
    const child = fork(CHILD, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message) => {
      outcome = message as ChildOutcome;
      child.disconnect();
    });
    child.on('error', (error) => {
      outcome ??= { ok: false, error: error.message };
    });
    child.on('exit', (code, signal) => {
      if (outcome !== undefined && (outcome.ok ? code === 0 : true)) resolve(outcome);
      else resolve({ ok: false, error: `the measure's process ended with ${signal ?? `code ${String(code)}`} and no result` });
    });
  });
}
