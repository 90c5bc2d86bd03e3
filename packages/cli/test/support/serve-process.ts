import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** A `csp-onprem serve` process, started and listening. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed on stdout until now. */
  stdout(): string;
  stderr(): string;
  /** The token printed for a persona (development mode). */
  token(persona: string): string;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>;
}

/**
 * Starts `node dist/bin.js serve ...args` and waits for its "listening on" line (or its exit,
 * which then rejects with what it printed).
 */
export function startServe(args: readonly string[], env: Readonly<Record<string, string>> = {}, timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms:\n${out}\n${err}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (url === undefined || !out.includes('Stop with Ctrl+C')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        url,
        child,
        stdout: () => out,
        stderr: () => err,
        token(persona) {
          const match = new RegExp(`^  ${persona} .*\\n    (\\S+)$`, 'm').exec(out);
          if (match?.[1] === undefined) throw new Error(`no token printed for ${persona}`);
          return match[1];
        },
        async stop() {
          child.kill('SIGTERM');
          const code = await exited;
          return { code, stdout: out, stderr: err };
        },
      });
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
}

/** A JSON request to a running service. */
export async function request(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
