import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  authorizeCommand,
  authorizeRole,
  CURRENT_SCHEMA_VERSION,
  decide,
  decodeCommand,
  eventDataCodecs,
  Identifier,
  invalidCommand,
  toInvalidPaths,
  ruleError,
  variantKey,
  type Command,
  type DecideContext,
  type Decision,
  type DomainEvent,
  type EventOf,
  type PurchaseFacts,
  type PurchaseState,
  type Variant,
} from '@csp-onprem/domain';
import type { EngineError } from './engine-error.js';
import { deriveEventId } from './event-ids.js';
import type { Clock } from './ports/clock.js';
import type { KeyProvider } from './ports/key-provider.js';
import type { KeyVault } from './ports/key-vault.js';
import type { LinkProvider } from './ports/link-provider.js';
import { keyFingerprint, sealProductKey, unsealProductKey } from './ports/sealing.js';
import type { ProjectionRunner } from './projections/projection-runner.js';
import type { OrderIndexProjection } from './projections/order-index-projection.js';
import type { EventMeta } from './recorded-event.js';
import { readStreamEvents, type FoldedEvent, type LoadedStream, type StreamCache } from './stream-loader.js';
import type { EventStore } from './store/event-store.js';
import { canonicalRecord } from './store/canonical-record.js';
import { canonicalJson, sortedKeys } from './store/hashing.js';
import type { EventRecord } from './store/records.js';
import { storeUnavailable, versionConflict } from './store/store-errors.js';
import { purchaseStreamId } from './stream-ids.js';

/** An event a command wrote (or had written, for a repeated command id): `type` narrows `data`. */
export type ExecutedEvent = {
  [K in DomainEvent['type']]: {
    readonly eventId: string;
    readonly type: K;
    readonly data: EventOf<K>['data'];
    readonly version: number;
    readonly occurredAt: string;
  };
}[DomainEvent['type']];

/** The result of a command that succeeded. */
export interface Executed {
  readonly streamId: string;
  readonly commandId: string;
  /** True when the command id was already in the stream: the earlier result, nothing written. */
  readonly replayed: boolean;
  readonly events: readonly ExecutedEvent[];
  /** For `GetKey` only: the plain product key for the caller to show. It is never stored. */
  readonly productKey?: string;
}

/** Ids that tie a command to the conversation it belongs to. */
export interface ExecuteOptions {
  /** Defaults to the command id. */
  readonly correlationId?: string;
  /** Defaults to the command id. */
  readonly causationId?: string;
}

/** What the handler needs from the engine. */
export interface HandlerDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly keyProvider: KeyProvider;
  readonly linkProvider: LinkProvider;
  readonly vault: KeyVault;
  /** Resolves cancellations given only an order id. */
  readonly orderRunner: ProjectionRunner;
  readonly orderIndex: OrderIndexProjection;
  /** How many times a command is decided again after a version conflict. */
  readonly maxRetries: number;
  /** Recently loaded streams, decoded and folded. */
  readonly streams: StreamCache;
}

type Result<A> = Promise<E.Either<EngineError, A>>;

/**
 * Which stream a command targets. A cancellation given only an order id is resolved among
 * the purchases of that order that the actor's tenant sold (never revealing other partners'
 * subscriptions); a retry of a request already accepted on one of them goes to that stream.
 */
async function resolveStream(command: Command, deps: HandlerDeps): Result<string> {
  if (command.type !== 'RequestCancellation' || command.subscriptionId !== undefined) {
    return E.right(purchaseStreamId(command.type === 'RequestCancellation' ? command.subscriptionId ?? '' : command.subscriptionId));
  }
  const orderId = command.orderId ?? '';
  // The order index must be current here; it is saved only every `saveEvery` events, so that a
  // process that only runs commands still resumes near the end after a restart.
  const caughtUp = await deps.orderRunner.catchUp({ save: 'when-due' });
  if (E.isLeft(caughtUp)) return caughtUp;
  const subscriptions = deps.orderIndex.soldBy(orderId, command.actor.tenantId);
  const only = subscriptions[0];
  if (only === undefined) return E.left(ruleError('UnknownPurchase', `no purchase with order id ${orderId} sold by tenant ${command.actor.tenantId}`));
  if (subscriptions.length === 1) return E.right(purchaseStreamId(only));
  for (const subscriptionId of subscriptions) {
    const stream = await deps.streams.load(deps.store, purchaseStreamId(subscriptionId));
    if (E.isLeft(stream)) return stream;
    if (stream.right.commandIds.has(command.commandId)) return E.right(purchaseStreamId(subscriptionId));
  }
  return E.left(
    ruleError('AmbiguousOrder', `order ${orderId} covers ${subscriptions.length} purchases (${subscriptions.join(', ')}): give the subscription id`),
  );
}

function keyContext(streamId: string, variant: Variant): string {
  return `${streamId}|${variantKey(variant)}`;
}

async function showKey(deps: HandlerDeps, streamId: string, state: PurchaseState, variant: Variant): Result<string> {
  const key = state.keys[variantKey(variant)];
  if (key === undefined) return E.left(ruleError('UnknownPurchase', `no key issued for this variant in ${streamId}`));
  try {
    const dataKey = await deps.vault.existingDataKey(key.sealedKey.keyId);
    if (dataKey === undefined) {
      return E.left(
        ruleError('KeyShredded', `the data key that sealed the ${variantKey(variant)} key of ${streamId} is not in the vault (the tenant was forgotten, or the vault lost it): it can never be shown again`),
      );
    }
    return E.right(unsealProductKey(key.sealedKey, dataKey, keyContext(streamId, variant)));
  } catch (cause) {
    return E.left(storeUnavailable('key vault', cause));
  }
}

async function provide(
  deps: HandlerDeps,
  command: Command,
  streamId: string,
  purchase: PurchaseFacts,
  decision: Extract<Decision, { kind: 'provide' }>,
  now: Date,
): Result<{ ctx: Partial<DecideContext>; productKey?: string }> {
  if (decision.need === 'downloadLink') {
    try {
      const link = await deps.linkProvider.createLink({ purchase, variant: decision.variant, now, commandId: command.commandId });
      return E.right({ ctx: { downloadLink: { url: link.url, expiresAt: link.expiresAt.toISOString() } } });
    } catch (cause) {
      return E.left(storeUnavailable('link provider', cause));
    }
  }
  let productKey: unknown;
  try {
    productKey = await deps.keyProvider.issueKey({ purchase, variant: decision.variant, commandId: command.commandId });
  } catch (cause) {
    return E.left(storeUnavailable('key provider', withoutMessage(cause, 'issueKey')));
  }
  if (typeof productKey !== 'string') return E.left(storeUnavailable('key provider', `issueKey returned ${typeof productKey}, not a string`));
  let dataKey: Awaited<ReturnType<KeyVault['dataKeyFor']>>;
  try {
    dataKey = await deps.vault.dataKeyFor(purchase.customer.tenantId);
  } catch (cause) {
    return E.left(storeUnavailable('key vault', cause));
  }
  try {
    const sealedKey = sealProductKey(productKey, dataKey.key, dataKey.keyId, keyContext(streamId, decision.variant));
    return E.right({ ctx: { productKey: { sealedKey, fingerprint: keyFingerprint(productKey) } }, productKey });
  } catch (cause) {
    return E.left(storeUnavailable('sealing the product key', withoutMessage(cause, 'sealing')));
  }
}

/**
 * What a failure around a plain product key may say in an error value: its kind and code,
 * never its message, which may quote the key (a provider's "key ... already activated"). A
 * provider should log its own failures.
 */
function withoutMessage(cause: unknown, step: string): string {
  const name = cause instanceof Error ? cause.name : typeof cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(cause.code) ? `, code ${cause.code}` : '';
  return `${step} failed (${name}${code}); its message is left out of this error, since it may quote a product key`;
}

/** A record the engine built from a decided event: typed, so the cache can fold it as it is. */
type DecidedRecord = EventRecord & FoldedEvent;

function toRecords(
  events: readonly DomainEvent[],
  streamId: string,
  loaded: LoadedStream,
  meta: EventMeta,
  now: Date,
): DecidedRecord[] {
  let prevHash = loaded.headHash;
  const metaText = canonicalJson(meta);
  return events.map((event, index) => {
    const data = sortedKeys(event.data);
    const dataText = canonicalJson(data);
    const fields = {
      eventId: deriveEventId(streamId, meta.commandId, index, now, dataText),
      streamId,
      version: loaded.state.version + index + 1,
      type: event.type,
      data,
      meta,
      prevHash,
    };
    // `type` and `data` come from one decided event, so they agree as FoldedEvent demands.
    const record = canonicalRecord(fields, { data: dataText, meta: metaText }) as DecidedRecord;
    prevHash = record.hash;
    return record;
  });
}

function executedEvent(record: { eventId: string; type: string; data: unknown; version: number; meta: unknown }): ExecutedEvent {
  return {
    eventId: record.eventId,
    type: record.type,
    data: record.data,
    version: record.version,
    occurredAt: (record.meta as EventMeta).occurredAt,
  } as ExecutedEvent;
}

/**
 * Answers a repeated command id with the earlier result. The actor is authorized again
 * against the purchase, so that a known command id never opens a door its sender may not use.
 */
async function replayEarlier(deps: HandlerDeps, command: Command, streamId: string, loaded: LoadedStream): Result<Executed> {
  const parties = loaded.state.purchase ?? (command.type === 'PurchaseSoftware' ? command : null);
  if (parties !== null) {
    const allowed = authorizeCommand(command.type, command.actor, parties);
    if (E.isLeft(allowed)) return allowed;
  }
  const events = await readStreamEvents(deps.store, streamId);
  if (E.isLeft(events)) return events;
  const earlier = events.right.filter((event) => event.meta.commandId === command.commandId);
  const first = earlier[0];
  if (first !== undefined && (first.meta.actor.userId !== command.actor.userId || first.meta.actor.tenantId !== command.actor.tenantId)) {
    // Someone else's command id: replaying it would show them what it returned, unrecorded.
    return E.left(
      invalidCommand([{ path: 'commandId', expected: `a new command id (${command.commandId} was sent by another user)`, found: JSON.stringify(command.commandId) }]),
    );
  }
  const earlierType = first?.meta.commandType;
  if (earlierType !== undefined && earlierType !== command.type) {
    return E.left(
      invalidCommand([{ path: 'commandId', expected: `a new command id (${command.commandId} was used for a ${earlierType})`, found: JSON.stringify(command.commandId) }]),
    );
  }
  if ((command.type === 'GetKey' || command.type === 'DownloadSoftware' || command.type === 'CopyDownloadLink') && loaded.state.status === 'cancelled') {
    // A retry after the cancellation completed would hand out a revoked key or a withdrawn link.
    return E.left(ruleError('AlreadyCancelled', `subscription ${command.subscriptionId} is cancelled: its keys are revoked and its downloads withdrawn`));
  }
  const result: Executed = { streamId, commandId: command.commandId, replayed: true, events: earlier.map(executedEvent) };
  const keyEvent = earlier.find((event) => event.type === 'KeyIssued' || event.type === 'KeyViewed');
  if (command.type !== 'GetKey' || keyEvent === undefined || !('variant' in keyEvent.data)) return E.right(result);
  const productKey = await showKey(deps, streamId, loaded.state, keyEvent.data.variant);
  return E.isLeft(productKey) ? productKey : E.right({ ...result, productKey: productKey.right });
}

/**
 * Refuses events that the codecs would not read back (a provider's over-long link, text that
 * grew past its limit): written, they would make the purchase unreadable to every other process.
 */
function unfitEvent(events: readonly DomainEvent[]): EngineError | undefined {
  for (const event of events) {
    const codec: t.Decoder<unknown, unknown> & { is: (u: unknown) => boolean } = eventDataCodecs[event.type];
    if (codec.is(event.data)) continue;
    const decoded = codec.decode(event.data);
    if (E.isLeft(decoded)) {
      return invalidCommand(toInvalidPaths(decoded.left).map((p) => ({ ...p, path: `${event.type}.${p.path}` })));
    }
  }
  return undefined;
}

async function backOff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * Math.random();
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * How one try of a command on a stream ended: an answer, a version conflict, or (on a cached
 * state) an answer that state alone cannot give, a refusal or a repeated command id.
 */
type Attempt =
  | { readonly kind: 'answered'; readonly result: E.Either<EngineError, Executed> }
  | { readonly kind: 'conflict'; readonly conflict: EngineError }
  | { readonly kind: 'stale' };

/** Decides a command on a loaded stream (`read` when just read from the store) and appends what it decided, once. */
async function attempt(deps: HandlerDeps, command: Command, options: ExecuteOptions, streamId: string, loaded: LoadedStream, read: boolean): Promise<Attempt> {
  const answered = (result: E.Either<EngineError, Executed>): Attempt => ({ kind: 'answered', result });
  if (loaded.commandIds.has(command.commandId)) return read ? answered(await replayEarlier(deps, command, streamId, loaded)) : { kind: 'stale' };
  const now = deps.clock();
  const { state } = loaded;
  let decision = decide(command, state, { now });
  let productKey: string | undefined;
  if (E.isRight(decision) && decision.right.kind === 'provide' && state.purchase !== null) {
    const provided = await provide(deps, command, streamId, state.purchase, decision.right, now);
    if (E.isLeft(provided)) return answered(provided);
    productKey = provided.right.productKey;
    decision = decide(command, state, { now, ...provided.right.ctx });
  }
  if (E.isLeft(decision)) return read ? answered(decision) : { kind: 'stale' };
  if (decision.right.kind !== 'emit') throw new Error(`decide asked twice for ${decision.right.need}`);
  // Keys in sorted order, as records keep them, so no sorted copy is needed.
  const meta: EventMeta = {
    actingRole: decision.right.actingRole,
    actor: sortedKeys(command.actor),
    causationId: options.causationId ?? command.commandId,
    commandId: command.commandId,
    commandType: command.type,
    correlationId: options.correlationId ?? command.commandId,
    occurredAt: now.toISOString(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
  };
  const unfit = unfitEvent(decision.right.events);
  if (unfit !== undefined) return answered(E.left(unfit));
  const records = toRecords(decision.right.events, streamId, loaded, meta, now);
  if (command.type === 'GetKey' && productKey === undefined) {
    const shown = await showKey(deps, streamId, state, command.variant);
    if (E.isLeft(shown)) return answered(shown);
    productKey = shown.right;
  }
  const appended = await deps.store.appendToStream(streamId, state.version, records);
  if (E.isLeft(appended)) return appended.left.code === 'VersionConflict' ? { kind: 'conflict', conflict: appended.left } : answered(appended);
  deps.streams.appended(streamId, loaded, records);
  const executed: Executed = { streamId, commandId: command.commandId, replayed: false, events: records.map(executedEvent) };
  return answered(E.right(productKey === undefined ? executed : { ...executed, productKey }));
}

/**
 * Decodes, authorizes, loads, decides and appends one command, retrying on version conflicts.
 * A stream the cache holds is decided on without reading the store: an append proves that
 * state current (its expected version matched), and a refusal or a repeated command id found
 * on a cached state is decided again on a fresh read, so no answer rests on a state another
 * process has moved past.
 */
export async function executeCommand(deps: HandlerDeps, input: unknown, options: ExecuteOptions = {}): Result<Executed> {
  const decoded = decodeCommand(input);
  if (E.isLeft(decoded)) return decoded;
  const badOption = (['correlationId', 'causationId'] as const).find((name) => options[name] !== undefined && !Identifier.is(options[name]));
  if (badOption !== undefined) {
    return E.left(invalidCommand([{ path: `options.${badOption}`, expected: Identifier.name, found: JSON.stringify(options[badOption]) }]));
  }
  const command = decoded.right;
  const allowed = authorizeRole(command.type, command.actor);
  if (E.isLeft(allowed)) return allowed;
  const stream = await resolveStream(command, deps);
  if (E.isLeft(stream)) return stream;
  const streamId = stream.right;

  let lastConflict: EngineError = versionConflict(streamId, -1, -1);
  let cached = deps.streams.peek(streamId);
  let retries = 0;
  while (retries <= deps.maxRetries) {
    const fromCache = cached;
    cached = undefined;
    let loaded = fromCache;
    if (loaded === undefined) {
      const read = await deps.streams.load(deps.store, streamId);
      if (E.isLeft(read)) return read;
      loaded = read.right;
    }
    const outcome = await attempt(deps, command, options, streamId, loaded, fromCache === undefined);
    if (outcome.kind === 'answered') return outcome.result;
    if (outcome.kind === 'stale') continue;
    lastConflict = outcome.conflict;
    retries += 1;
    // A conflict on a cached state says the cache was behind: read and try again at once.
    if (fromCache === undefined && retries <= deps.maxRetries) await backOff(retries);
  }
  return E.left(lastConflict);
}
