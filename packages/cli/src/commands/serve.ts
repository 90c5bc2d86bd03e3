import * as E from 'fp-ts/lib/Either.js';
import { createEngine, EngineConfigurationError, type Engine, type EventStore } from '@csp-onprem/engine';
import { createServer, prometheusMetrics } from '@csp-onprem/server';
import type { StoreAddress } from '../address/store-address.js';
import { cannotProceed, reasonOf } from '../cli-failure.js';
import { seedWithDemo } from '../serve/seed-demo.js';
import { serveBanner } from '../serve/serve-banner.js';
import { serveIdentity, type ServeIdentityArgs } from '../serve/serve-identity.js';
import { serveKek, type ServeKek } from '../serve/serve-kek.js';
import { openStoreAt } from '../address/open-address.js';
import { succeeded, type CommandIo, type CommandOutcome } from './command-io.js';
import { kekSourceLine } from '../kek/kek-file.js';

/** What `csp-onprem serve` was asked. */
export interface ServeArgs {
  readonly store: StoreAddress;
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly kekFile?: string;
  readonly identity: ServeIdentityArgs;
}

/** How long shutting down may take before the process stops anyway, in ms. */
const SHUTDOWN_GRACE_MS = 20_000;

/** Opens the store, seeding it with the demo's story in development mode when its log is empty. */
async function storeToServe(args: ServeArgs, kek: ServeKek, environment: Readonly<Record<string, string | undefined>>, notes: string[]): Promise<E.Either<ReturnType<typeof cannotProceed>, EventStore>> {
  const opened = await openStoreAt(args.store, 'create');
  if (E.isLeft(opened) || !opened.right.empty || args.identity.kind !== 'development' || args.store.kind === 'memory') return E.map(({ store }: { store: EventStore }) => store)(opened);
  const seeded = await seedWithDemo(opened.right.store, kek, environment);
  if (E.isLeft(seeded)) return seeded;
  notes.push(`seeded with the demo's story (run ${seeded.right.runId}): ${seeded.right.purchases} purchases, 75 days of history`);
  const reopened = await openStoreAt(args.store, 'create');
  return E.map(({ store }: { store: EventStore }) => store)(reopened);
}

/** Resolves on the first SIGINT or SIGTERM; a second one stops the process at once. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const once = (signal: string) => {
      process.off('SIGINT', once);
      process.off('SIGTERM', once);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', once);
    process.on('SIGTERM', once);
  });
}

/**
 * Runs the HTTP service until SIGINT or SIGTERM: opens (or creates) the store, builds the engine
 * with the key-encryption key, verifies tokens with the configured issuer or, in development
 * mode, with keys of its own (seeding an empty store with the demo's story and printing a token
 * per persona), listens, and on the signal finishes the requests in flight and closes the store.
 */
export async function runServe(args: ServeArgs, io: CommandIo, environment: Readonly<Record<string, string | undefined>> = process.env): Promise<CommandOutcome> {
  const kek = serveKek(args.store, args.kekFile, args.identity.kind === 'development', environment);
  if (E.isLeft(kek)) return kek;
  const notes = kek.right === undefined ? [] : [kekSourceLine(kek.right.source)];
  const store = await storeToServe(args, kek.right, environment, notes);
  if (E.isLeft(store)) return store;

  // One meter provider for the service and the engine, so that /metrics serves both.
  const metrics = prometheusMetrics();
  let engine: Engine;
  try {
    engine = createEngine({ store: store.right, ...(kek.right === undefined ? {} : { keyEncryptionKey: kek.right.kek }), environment: {}, telemetry: { meterProvider: metrics.meterProvider } });
  } catch (cause) {
    await store.right.close();
    if (cause instanceof EngineConfigurationError) return E.left(cannotProceed(cause.message));
    throw cause;
  }
  let identity;
  try {
    identity = await serveIdentity(args.identity);
  } catch (cause) {
    await engine.close();
    return E.left(cannotProceed(`cannot set up identity: ${reasonOf(cause)}`));
  }
  const level = environment['CSP_ONPREM_LOG_LEVEL'] ?? (identity.development === undefined ? 'info' : 'warn');
  const server = createServer({ engine, identity, log: { level }, metrics });
  const stop = stopSignal();
  let url: string;
  try {
    url = await server.listen({ host: args.host, port: args.port });
  } catch (cause) {
    await server.close();
    return E.left(cannotProceed(`cannot listen on ${args.host}:${args.port}: ${reasonOf(cause)}`));
  }
  // Fold the read models now rather than on the first request.
  void engine.catchUp();
  io.out(`${serveBanner(url, store.right.name, identity.development, notes).join('\n')}\n`);

  const signal = await stop;
  io.out(`csp-onprem serve: ${signal}: finishing the requests in flight, then closing the store\n`);
  const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
  force.unref();
  await server.close();
  clearTimeout(force);
  io.out('csp-onprem serve: stopped\n');
  return succeeded;
}
