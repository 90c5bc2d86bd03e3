// One concurrent writer, run as its own OS process by the concurrency tests:
// node --import tsx test/concurrency/workers/writer-process.ts '<WriterJob as JSON>'
import { writeFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine } from '@csp-onprem/engine';
import { countingConflicts } from '../counting-store.js';
import { deterministicVault, TEST_VAULT_SECRET } from '../deterministic-vault.js';
import { openTarget } from '../store-target.js';
import { runWriter } from '../writer.js';
import type { WriterJob, WriterMessage } from '../writer-job.js';

function send(message: WriterMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) reject(new Error('the writer must be started with an IPC channel (child_process.fork)'));
    else process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

const job = JSON.parse(process.argv[2] ?? '') as WriterJob;
const store = countingConflicts(openTarget(job.target));
const engine = createEngine({ store, vault: deterministicVault(TEST_VAULT_SECRET), maxRetries: job.maxRetries });

// Open the store (and its schema) before the start signal, so that all writers begin together.
const warm = await store.readStream('csp-software-warm-up');
if (E.isLeft(warm)) throw new Error(`writer ${job.plan.writer} cannot open ${store.name}: ${warm.left.message}`);
const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
await send({ type: 'ready' });
await go;

const started = performance.now();
const outcomes = await runWriter(engine, store, job.plan);
const ms = performance.now() - started;
writeFileSync(job.outcomesFile, outcomes.map((outcome) => JSON.stringify(outcome)).join('\n') + '\n');
await engine.close();
await send({ type: 'done', ms });
process.disconnect();
