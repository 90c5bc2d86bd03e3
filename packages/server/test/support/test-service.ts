import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, localKeyEncryptionKey, type Engine, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { bearerIdentity, createServer, type Identity, type ServerOptions } from '../../src/index.js';
import { OPERATOR_TENANTS } from './cast.js';
import { TEST_AUDIENCE, type TestIssuer } from './test-issuer.js';

/** An answer as a test reads it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly body: any;
}

/** A request as a test makes it. */
export interface Call {
  readonly token?: string;
  readonly body?: unknown;
  /** A body sent exactly as given, with `contentType`. */
  readonly raw?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A running service over a real SQLite file, listening on 127.0.0.1. */
export interface TestService {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly engine: Engine;
  readonly store: EventStore;
  readonly dir: string;
  call(method: string, path: string, call?: Call): Promise<Answer>;
  /** Every event in the log, read straight from the store. */
  events(): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** The identity of the test service: the test issuer's tokens, its keys from its JWKS URL. */
export function testIdentity(issuer: TestIssuer): Identity {
  return bearerIdentity({ issuer: issuer.url, audience: TEST_AUDIENCE, jwksUrl: issuer.jwksUrl, roles: { operatorTenants: OPERATOR_TENANTS } });
}

/** Sends one request to a service and reads the answer. */
export async function callService(url: string, method: string, path: string, call: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (call.token !== undefined) headers['authorization'] = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.raw !== undefined) {
    body = call.raw;
    if (call.contentType !== undefined) headers['content-type'] = call.contentType;
  } else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] = call.contentType ?? 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Starts the service over a fresh SQLite file in a temporary directory. */
export async function startService(identity: Identity, options: Partial<ServerOptions> & { readonly store?: EventStore } = {}): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-server-'));
  const { store: givenStore, ...serverOptions } = options;
  const store = givenStore ?? sqliteStore({ path: join(dir, 'service.db') });
  const engine = options.engine ?? createEngine({ store, keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
  const app = createServer({ log: false, ...serverOptions, engine, identity });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    engine,
    store,
    dir,
    call: (method, path, call) => callService(url, method, path, call),
    async events() {
      const all: StoredEvent[] = [];
      for (;;) {
        const page = await store.readAll({ after: all.at(-1)?.position ?? 0, limit: 1000 });
        if (E.isLeft(page)) throw new Error(page.left.message);
        all.push(...page.right);
        if (page.right.length < 1000) return all;
      }
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
