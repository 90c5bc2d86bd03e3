import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppenderJob } from './appender-job.js';

const WORKER = fileURLToPath(new URL('./workers/crash-appender.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How one child run ended. */
export interface KilledRun {
  /** Milliseconds the child was left appending after it said it was ready. */
  readonly delayMs: number;
}

/**
 * Starts the appender, waits until it is ready (store open, first command done), lets it
 * append for `delayMs`, then SIGKILLs it. Fails, with the child's stderr, if the child ends
 * any other way (an error, a refused command) or is not ready within `readyTimeoutMs`.
 */
export function runAndKill(job: AppenderJob, delayMs: number, readyTimeoutMs = 30_000): Promise<KilledRun> {
  const child = fork(WORKER, [JSON.stringify(job)], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<KilledRun>((resolve, reject) => {
    let killed = false;
    const notReady = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`run ${job.run}: the child was not ready within ${readyTimeoutMs} ms:\n${stderr}`));
    }, readyTimeoutMs);
    child.once('message', () => {
      clearTimeout(notReady);
      setTimeout(() => {
        killed = child.kill('SIGKILL');
      }, delayMs);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(notReady);
      if (killed && signal === 'SIGKILL') resolve({ delayMs });
      else reject(new Error(`run ${job.run}: the child ended with ${signal ?? `exit code ${String(code)}`} before it was killed:\n${stderr}`));
    });
  });
}
