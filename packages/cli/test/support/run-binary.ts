import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** How a run of the built binary ended. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/bin.js ...args` as a child process (stdout and stderr are pipes, not
 * terminals), with the test process's environment, changed by `env` (undefined unsets).
 */
export function runBinary(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<Run> {
  const environment: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete environment[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024, env: environment }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Asserts the run failed with `code` and exactly one `csp-onprem: ...` line on stderr, no stack trace; answers the line. */
export function expectOneLineFailure(run: Run, code: number): string {
  expect(run.code, `exit code (stderr: ${run.stderr})`).to.equal(code);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).to.have.length(1);
  expect(lines[0]).to.match(/^csp-onprem: /);
  expect(run.stderr).to.not.include('    at ');
  return lines[0] ?? '';
}

/** Asserts the run succeeded (exit 0, nothing on stderr); answers its stdout. */
export function expectSuccess(run: Run): string {
  expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
  return run.stdout;
}
