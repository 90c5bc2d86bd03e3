import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CustodyJob, CustodyMessage, CustodyResult } from './custody-job.js';

const WORKER = fileURLToPath(new URL('./workers/custody-worker.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How a worker ended: its results, a refusal to start, or a kill. */
export type WorkerEnd = { readonly kind: 'done'; readonly results: readonly CustodyResult[] } | { readonly kind: 'refused'; readonly message: string } | { readonly kind: 'killed'; readonly signal: string };

/** A started worker: resolves `ready` once it has opened its engine; `go()` starts a worker that waits. */
export interface StartedWorker {
  readonly ready: Promise<void>;
  go(): void;
  readonly ended: Promise<WorkerEnd>;
}

/**
 * Forks a custody worker as its own OS process. The KEKs go in its environment, never on its
 * command line: `kek` as CSP_ONPREM_KEY_ENCRYPTION_KEY (absent: unset), `nextKek` as
 * CSP_ONPREM_NEXT_KEY_ENCRYPTION_KEY.
 */
export function startCustodyWorker(job: CustodyJob, keys: { readonly kek?: string; readonly nextKek?: string }): StartedWorker {
  const env: Record<string, string | undefined> = { ...process.env, CSP_ONPREM_KEY_ENCRYPTION_KEY: keys.kek, CSP_ONPREM_NEXT_KEY_ENCRYPTION_KEY: keys.nextKek };
  if (keys.kek === undefined) delete env['CSP_ONPREM_KEY_ENCRYPTION_KEY'];
  const child: ChildProcess = fork(WORKER, [JSON.stringify(job)], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  let last: CustodyMessage | undefined;
  child.on('message', (message: CustodyMessage) => {
    last = message;
    if (message.type === 'ready') readyResolve();
  });
  const ended = new Promise<WorkerEnd>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      readyResolve();
      if (signal !== null) resolve({ kind: 'killed', signal });
      else if (last?.type === 'done' && code === 0) resolve({ kind: 'done', results: last.results });
      else if (last?.type === 'refused') resolve({ kind: 'refused', message: last.message });
      else reject(new Error(`the custody worker ended with exit code ${String(code)}:\n${stderr}`));
    });
  });
  return { ready, go: () => child.send({ type: 'go' }), ended };
}

/** Runs a worker to its end and answers its results, failing on anything else. */
export async function runCustodyWorker(job: Omit<CustodyJob, 'waitForGo'>, keys: { readonly kek?: string; readonly nextKek?: string }): Promise<readonly CustodyResult[]> {
  const end = await startCustodyWorker({ ...job, waitForGo: false }, keys).ended;
  if (end.kind !== 'done') throw new Error(`the custody worker did not finish: ${JSON.stringify(end)}`);
  return end.results;
}
