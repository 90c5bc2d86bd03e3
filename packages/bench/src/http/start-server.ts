import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_SPEC_VARIABLE, type ServerChildSpec, type ServerReady, type ServerStopped } from './server-spec.js';

const CHILD = fileURLToPath(new URL('./server-child.js', import.meta.url));

/** A running service process of an HTTP measure. */
export interface BenchServer extends ServerReady {
  /** Closes the service (in-flight requests finish, the store closes) and answers its peak RSS and CPU time. */
  stop(): Promise<ServerStopped>;
}

/** Starts the service over the data set's store in its own Node process, with the measure's heap limit. */
export function startBenchServer(spec: ServerChildSpec, heapMb: number): Promise<BenchServer> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: [`--max-old-space-size=${heapMb}`, ...(process.env['CSP_ONPREM_BENCH_SERVER_PROFILE'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env['CSP_ONPREM_BENCH_SERVER_PROFILE']}`])],
    env: { ...process.env, [SERVER_SPEC_VARIABLE]: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server ended with code ${String(code)} before it listened`)));
    child.once('message', (message) => {
      const ready = message as ServerReady;
      child.removeAllListeners('exit');
      resolve({
        ...ready,
        stop: () =>
          new Promise<ServerStopped>((stopped, failed) => {
            child.once('message', (answer) => stopped(answer as ServerStopped));
            child.once('exit', (code) => (code === 0 ? undefined : failed(new Error(`the bench server ended with code ${String(code)}`))));
            child.send('stop');
          }),
      });
    });
  });
}
