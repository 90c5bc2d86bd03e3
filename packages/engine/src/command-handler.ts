import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  authorizeCommand,
  authorizeRole,
  CURRENT_SCHEMA_VERSION,
  decide,
  decodeCommand,
  eventDataCodecs,
  invalidCommand,
  toInvalidPaths,
  ruleError,
  thrownKind,
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
import type { DownloadLink, LinkProvider } from './ports/link-provider.js';
import { keyFingerprint, sealProductKey, unsealProductKey } from './ports/sealing.js';
import { keyVaultFailure } from './custody/key-custody-error.js';
import { resolvePurchaseStream, type ResolverDeps } from './purchase-resolver.js';
import type { EventMeta } from './recorded-event.js';
import { checkExecuteOptions } from './execute-options-input.js';
import { decodeCommandAs } from './session-command.js';
import { readStreamEvents, type FoldedEvent, type LoadedStream, type StreamCache } from './stream-loader.js';
import type { EventStore } from './store/event-store.js';
import { canonicalRecord } from './store/canonical-record.js';
import { canonicalJson, sortedKeys } from './store/hashing.js';
import type { EventRecord } from './store/records.js';
import { storeUnavailable, versionConflict } from './store/store-errors.js';
import { observeCommand, type CommandNotes } from './telemetry/command-telemetry.js';
import type { EngineTelemetry } from './telemetry/engine-telemetry.js';

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
  /**
   * For `GetKey` only: the plain product key for the caller to show. It is never stored, and
   * shown only with the event that records the showing: a repeated command id answers without it.
   */
  readonly productKey?: string;
  /**
   * For `CopyDownloadLink` only: the link, for the one who copied it. The log keeps only its
   * fingerprint, host and expiry; a repeated command id answers without it.
   */
  readonly downloadLink?: DownloadLink;
}

/** Ids that tie a command to the conversation it belongs to. */
export interface ExecuteOptions {
  /** Defaults to the command id. */
  readonly correlationId?: string;
  /** Defaults to the command id. */
  readonly causationId?: string;
}

/** What the handler needs from the engine: the store, the ports, and what finds a purchase's stream. */
export interface HandlerDeps extends ResolverDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly keyProvider: KeyProvider;
  readonly linkProvider: LinkProvider;
  readonly vault: KeyVault;
  /** How many times a command is decided again after a version conflict. */
  readonly maxRetries: number;
  /** Recently loaded streams, decoded and folded. */
  readonly streams: StreamCache;
  /** Where each command's `execute` span and metrics go. */
  readonly telemetry: EngineTelemetry;
}

type Result<A> = Promise<E.Either<EngineError, A>>;

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
    try {
      return E.right(unsealProductKey(key.sealedKey, dataKey, keyContext(streamId, variant)));
    } catch {
      return E.left(storeUnavailable(`the ${variantKey(variant)} key of ${streamId}`, 'its sealed form does not open under its data key: the event or the data key was changed (run verify)'));
    }
  } catch (cause) {
    return E.left(keyVaultFailure(cause));
  }
}

async function provideLink(deps: HandlerDeps, command: Command, purchase: PurchaseFacts, variant: Variant, now: Date): Result<Provided> {
  let link: DownloadLink;
  try {
    link = await deps.linkProvider.createLink({ purchase, variant, now, commandId: command.commandId });
  } catch (cause) {
    return E.left(storeUnavailable('link provider', withoutMessage(cause, 'createLink')));
  }
  const host = linkHost(link.url);
  if (host === undefined || !(link.expiresAt instanceof Date) || Number.isNaN(link.expiresAt.getTime())) {
    return E.left(storeUnavailable('link provider', 'createLink returned something other than an http(s) URL with a valid expiry'));
  }
  const expiresAt = link.expiresAt.toISOString();
  return E.right({ ctx: { downloadLink: { fingerprint: keyFingerprint(link.url), host, expiresAt } }, downloadLink: { url: link.url, expiresAt: link.expiresAt } });
}

/** The host of an http(s) URL, or `undefined` for anything else. */
function linkHost(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

/** A value a provider gave for one command: what `decide` records, and what only the caller sees. */
interface Provided {
  readonly ctx: Partial<DecideContext>;
  readonly productKey?: string;
  readonly downloadLink?: DownloadLink;
}

async function provide(
  deps: HandlerDeps,
  command: Command,
  streamId: string,
  purchase: PurchaseFacts,
  decision: Extract<Decision, { kind: 'provide' }>,
  now: Date,
): Result<Provided> {
  if (decision.need === 'downloadLink') return provideLink(deps, command, purchase, decision.variant, now);
  // The data key first: a key the provider issued must never be lost for want of a vault.
  let dataKey: Awaited<ReturnType<KeyVault['dataKeyFor']>>;
  try {
    dataKey = await deps.vault.dataKeyFor(purchase.customer.tenantId);
  } catch (cause) {
    return E.left(keyVaultFailure(cause));
  }
  let productKey: unknown;
  try {
    productKey = await deps.keyProvider.issueKey({ purchase, variant: decision.variant, commandId: command.commandId });
  } catch (cause) {
    return E.left(storeUnavailable('key provider', withoutMessage(cause, 'issueKey')));
  }
  if (typeof productKey !== 'string') return E.left(storeUnavailable('key provider', `issueKey returned ${typeof productKey}, not a string`));
  try {
    const sealedKey = sealProductKey(productKey, dataKey.key, dataKey.keyId, keyContext(streamId, decision.variant));
    return E.right({ ctx: { productKey: { sealedKey, fingerprint: keyFingerprint(productKey) } }, productKey });
  } catch (cause) {
    return E.left(storeUnavailable('sealing the product key', withoutMessage(cause, 'sealing')));
  }
}

/**
 * What a failure around a plain product key or link may say in an error value: its kind and
 * code, never its message, which may quote the key (a provider's "key ... already activated")
 * or a link's token. A provider should log its own failures.
 */
function withoutMessage(cause: unknown, step: string): string {
  const name = thrownKind(cause);
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(cause.code) ? `, code ${cause.code}` : '';
  return `${step} failed (${name}${code}); its message is left out of this error, since it may quote a product key or a link's token`;
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
  // A product key or a link is shown only beside the event that records the showing: a repeated
  // command id answers what it wrote, without them (send a new command id to see a key again).
  return E.right({ streamId, commandId: command.commandId, replayed: true, events: earlier.map(executedEvent) });
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
  const now = notBefore(deps.clock(), loaded.lastOccurredAt);
  const { state } = loaded;
  let decision = decide(command, state, { now });
  let productKey: string | undefined;
  let downloadLink: DownloadLink | undefined;
  if (E.isRight(decision) && decision.right.kind === 'provide' && state.purchase !== null) {
    const provided = await provide(deps, command, streamId, state.purchase, decision.right, now);
    if (E.isLeft(provided)) return answered(provided);
    ({ productKey, downloadLink } = provided.right);
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
  const executed: Executed = {
    streamId,
    commandId: command.commandId,
    replayed: false,
    events: records.map(executedEvent),
    ...(productKey === undefined ? {} : { productKey }),
    ...(downloadLink === undefined ? {} : { downloadLink }),
  };
  return answered(E.right(executed));
}

/**
 * The instant a command on a stream is decided and recorded at: the clock's reading, or the
 * stream's last event's instant when the clock reads earlier. Writers' clocks differ by some
 * milliseconds, and a clock may be set back: refusing would fail honest commands, while
 * clamping keeps every stream's times in the order its events were written, so that the
 * stream as of an instant and the stream as of a position tell the same story.
 */
function notBefore(clockReading: Date, lastOccurredAt: string | undefined): Date {
  if (lastOccurredAt === undefined) return clockReading;
  const last = Date.parse(lastOccurredAt);
  return clockReading.getTime() < last ? new Date(last) : clockReading;
}

/**
 * Decodes, authorizes, loads, decides and appends one command, retrying on version conflicts.
 * A stream the cache holds is decided on without reading the store: an append proves that
 * state current (its expected version matched), and a refusal or a repeated command id found
 * on a cached state is decided again on a fresh read, so no answer rests on a state another
 * process has moved past.
 */
export async function executeCommand(deps: HandlerDeps, input: unknown, options: ExecuteOptions = {}): Result<Executed> {
  return observeCommand(deps.telemetry, (notes) => executeDecoded(deps, decodeCommand(input), options, notes));
}

/**
 * Runs a command on behalf of an actor the platform authenticated: the command must not carry
 * an `actor` of its own (one that does is refused as `InvalidCommand` on `actor`, nothing
 * written), and acts as `actor` alone, whatever else its body holds.
 */
export async function executeCommandAs(deps: HandlerDeps, actor: unknown, input: unknown, options: ExecuteOptions = {}): Result<Executed> {
  return observeCommand(deps.telemetry, (notes) => executeDecoded(deps, decodeCommandAs(actor, input), options, notes));
}

async function executeDecoded(deps: HandlerDeps, decoded: E.Either<EngineError, Command>, optionsInput: unknown, notes: CommandNotes): Result<Executed> {
  if (E.isLeft(decoded)) return decoded;
  notes.type = decoded.right.type;
  notes.commandId = decoded.right.commandId;
  const checked = checkExecuteOptions(optionsInput);
  if (E.isLeft(checked)) return checked;
  const options = checked.right;
  const command = decoded.right;
  const allowed = authorizeRole(command.type, command.actor);
  if (E.isLeft(allowed)) return allowed;
  const stream = await resolvePurchaseStream(deps, command);
  if (E.isLeft(stream)) return stream;
  const streamId = stream.right;
  notes.streamId = streamId;

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
    notes.conflicts += 1;
    if (retries <= deps.maxRetries) notes.retries = retries;
    // A conflict on a cached state says the cache was behind: read and try again at once.
    if (fromCache === undefined && retries <= deps.maxRetries) await backOff(retries);
  }
  return E.left(lastConflict);
}
