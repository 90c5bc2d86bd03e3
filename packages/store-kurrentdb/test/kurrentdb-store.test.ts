import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import type { StoreError, StoreUnavailableError } from '@csp-onprem/engine';
import { kurrentdbStore, type KurrentdbStore } from '@csp-onprem/store-kurrentdb';
import { chainedRecords } from '@csp-onprem/testing';

// Nothing listens on port 1, so the connection is refused at once.
const REFUSING = 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false';

function failure<A>(result: E.Either<StoreError, A>): StoreError {
  if (E.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`);
  return result.left;
}

async function timed<A>(run: () => Promise<A>): Promise<{ readonly value: A; readonly ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

function expectUnavailable(error: StoreError, mentioning: string): void {
  expect(error.code).to.equal('StoreUnavailable');
  expect(error.message).to.contain(mentioning);
  expect(error.message).not.to.contain('s3cret');
}

/** A TCP server that accepts connections and never answers: a hung KurrentDB. */
async function silentServer(): Promise<{ readonly port: number; readonly close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the KurrentDB store without a server', () => {
  let store: KurrentdbStore;

  afterEach(async () => {
    await store?.close();
  });

  it('is named after its host, without the credentials', () => {
    store = kurrentdbStore({ connectionString: REFUSING });
    expect(store.name).to.equal('kurrentdb:127.0.0.1:1');
    expect(store.streamPrefix).to.equal('csp-software-');
  });

  it('answers StoreUnavailable within a few seconds from every call when the server refuses connections', async () => {
    store = kurrentdbStore({ connectionString: REFUSING });
    const streamId = 'csp-software-unreachable';
    const calls: (() => Promise<E.Either<StoreError, unknown>>)[] = [
      () => store.readStream(streamId),
      () => store.appendToStream(streamId, 0, chainedRecords(streamId, 2)),
      () => store.readAll({ after: 0, limit: 10 }),
      () => store.readAll({ after: 4096, limit: 10 }),
    ];
    for (const call of calls) {
      const { value, ms } = await timed(call);
      expectUnavailable(failure(value), 'KurrentDB is unreachable');
      expect(ms, 'answered within 5 s').to.be.below(5000);
    }
  });

  it('answers StoreUnavailable after timeoutMs when the server accepts connections and never answers', async () => {
    const server = await silentServer();
    try {
      store = kurrentdbStore({ connectionString: `kurrentdb://127.0.0.1:${server.port}?tls=false`, timeoutMs: 400 });
      const streamId = 'csp-software-hung';
      const read = await timed(() => store.readStream(streamId));
      expectUnavailable(failure(read.value), 'did not answer within 400 ms');
      expect(read.ms).to.be.within(350, 3000);
      const appended = await timed(() => store.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
      expectUnavailable(failure(appended.value), 'retrying it with the same event ids is safe');
      expect(appended.ms).to.be.within(350, 3000);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('tells a subscriber once, with StoreUnavailable, that the server cannot be reached', async () => {
    store = kurrentdbStore({ connectionString: REFUSING });
    const errors: StoreUnavailableError[] = [];
    let unsubscribe: (() => Promise<void>) | undefined;
    const { ms } = await timed(
      () =>
        new Promise<void>((resolve) => {
          unsubscribe = store.subscribe(
            0,
            () => {
              throw new Error('no event can arrive from an unreachable server');
            },
            (error) => {
              errors.push(error);
              resolve();
            },
          );
        }),
    );
    // Time for a second report, had the subscription retried and failed again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await unsubscribe?.();
    expect(ms).to.be.below(5000);
    expect(errors).to.have.length(1);
    expectUnavailable(errors[0] as StoreUnavailableError, 'subscribing to the global order');
  });

  it('refuses, without calling the server, an append to a stream outside its prefix', async () => {
    store = kurrentdbStore({ connectionString: REFUSING, streamPrefix: 'csp-software-' });
    const error = failure(await store.appendToStream('other-1', 0, chainedRecords('other-1', 1)));
    expectUnavailable(error, "does not start with this store's prefix csp-software-");
  });

  it('refuses, without calling the server, records whose stream or versions do not fit the append', async () => {
    store = kurrentdbStore({ connectionString: REFUSING });
    const streamId = 'csp-software-misfit';
    expectUnavailable(failure(await store.appendToStream(streamId, 1, chainedRecords(streamId, 1))), 'has version 1, expected 2');
    expectUnavailable(failure(await store.appendToStream(streamId, 0, chainedRecords('csp-software-elsewhere', 1))), 'belongs to stream csp-software-elsewhere');
    expectUnavailable(failure(await store.appendToStream(streamId, -1, [])), 'expected version -1');
  });

  it('refuses, without calling the server, an event id KurrentDB cannot keep as is', async () => {
    store = kurrentdbStore({ connectionString: REFUSING });
    const streamId = 'csp-software-bad-id';
    const [record] = chainedRecords(streamId, 1);
    const error = failure(await store.appendToStream(streamId, 0, [{ ...record!, eventId: 'not-a-uuid' }]));
    expectUnavailable(error, 'is not a lowercase UUID');
  });

  it('answers StoreUnavailable for a malformed connection string instead of throwing, without repeating the password', async () => {
    store = kurrentdbStore({ connectionString: 'kurrentdb://admin:s3cret@db:2113?tls=maybe' });
    expectUnavailable(failure(await store.readStream('csp-software-1')), 'the connection string is not valid');
  });

  it('refuses a setting the client does not know, naming only the setting, before the client could print the whole connection string', async () => {
    store = kurrentdbStore({ connectionString: 'kurrentdb://admin:s3cret@db:2113?tls=false&connectTimeout=5&Keep_Alive_Interval=10000&dnsdiscover=true' });
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    let error: StoreError;
    try {
      error = failure(await store.readStream('csp-software-1'));
    } finally {
      console.warn = warn;
    }
    expectUnavailable(error, 'the KurrentDB client does not know the setting "connectTimeout", "dnsdiscover"');
    expect(error.message).to.not.include('Keep_Alive_Interval');
    expect(warnings, 'nothing printed on the console').to.deep.equal([]);
  });

  it('closes twice without error and then answers StoreUnavailable from every call', async () => {
    store = kurrentdbStore({ connectionString: REFUSING });
    await store.readAll({ after: 0, limit: 1 });
    await store.close();
    await store.close();
    const streamId = 'csp-software-closed';
    const results: E.Either<StoreError, unknown>[] = [
      await store.readStream(streamId),
      await store.appendToStream(streamId, 0, chainedRecords(streamId, 1)),
      await store.readAll({ after: 0, limit: 1 }),
    ];
    for (const result of results) {
      expectUnavailable(failure(result), 'the store is closed');
    }
    const errors: StoreUnavailableError[] = [];
    await store.subscribe(0, () => undefined, (error) => errors.push(error))();
    expect(errors.map((error) => error.cause)).to.deep.equal(['the store is closed']);
  });
});
