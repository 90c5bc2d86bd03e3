import * as E from 'fp-ts/lib/Either.js';
import { executeCommand, executeCommandAs, type Executed, type ExecuteOptions } from './command-handler.js';
import { keyVaultFailure } from './custody/key-custody-error.js';
import { keyVaultFor } from './custody/key-custody.js';
import type { KeyEncryptionKey } from './custody/key-encryption-key.js';
import type { KeyRotationReport, RotatableKeyVault } from './custody/store-key-vault.js';
import type { EngineError } from './engine-error.js';
import { ENGINE_OPTIONS } from './engine-options-shape.js';
import type { EngineSession } from './engine-session.js';
import { systemClock, type Clock } from './ports/clock.js';
import { developmentKeyProvider, type KeyProvider } from './ports/key-provider.js';
import type { KeyVault } from './ports/key-vault.js';
import { developmentLinkProvider, type LinkProvider } from './ports/link-provider.js';
import { PurchaseIndexProjection } from './projections/purchase-index-projection.js';
import { projectionRunner, repeatEvery, type ProjectionRunner } from './projections/projection-runner.js';
import { SoftwareListProjection } from './projections/software-list-projection.js';
import { auditTrailQuery } from './queries/audit-trail-query.js';
import { refundEligibilityQuery } from './queries/refund-eligibility-query.js';
import { softwareListQuery } from './queries/software-list-query.js';
import { ticketQuery } from './queries/ticket-query.js';
import { TicketQueueProjection } from './projections/ticket-queue-projection.js';
import type { EventStore } from './store/event-store.js';
import { guardedStore } from './store/guarded-store.js';
import { storeUnavailable, type StoreUnavailableError } from './store/store-errors.js';
import { engineTelemetry, type TelemetryOptions } from './telemetry/engine-telemetry.js';
import { observeProjectionLag } from './telemetry/projection-lag.js';
import { tracedStore } from './telemetry/traced-store.js';
import { tracedVerify } from './telemetry/traced-verify.js';
import { checkOptions } from './options/unknown-options.js';
import type { VerifyReport } from './verify.js';
import { verifyWithReadModels } from './audit/read-model-check.js';
import { StreamCache } from './stream-loader.js';
import { forgetTenant, type ForgottenTenant } from './forget-tenant.js';

/** What an engine is built from; only the store is required. */
export interface EngineOptions {
  readonly store: EventStore;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to {@link developmentKeyProvider}: clearly-marked test keys. */
  readonly keyProvider?: KeyProvider;
  /** Defaults to {@link developmentLinkProvider}: clearly-marked test links. */
  readonly linkProvider?: LinkProvider;
  /**
   * Wraps the tenants' data keys, which a durable store keeps (envelope encryption):
   * `localKeyEncryptionKey(secret)` or an adapter over your KMS. Without it, read from the
   * `CSP_ONPREM_KEY_ENCRYPTION_KEY` environment variable (32 bytes, base64); a durable store
   * with neither refuses to build an engine (`EngineConfigurationError`), so that no product
   * key is ever sealed under a data key a restart would lose.
   */
  readonly keyEncryptionKey?: KeyEncryptionKey;
  /** Earlier key-encryption keys that may still wrap some data keys, tried by id: for a rolling rotation. */
  readonly previousKeyEncryptionKeys?: readonly KeyEncryptionKey[];
  /**
   * A vault of your own (a KMS-backed `KeyVault`) instead of the store's data keys; the
   * in-memory store uses `inProcessVault()` when none is given. Not with `keyEncryptionKey`.
   */
  readonly vault?: KeyVault;
  /** Where `CSP_ONPREM_KEY_ENCRYPTION_KEY` is read; defaults to `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * Keep the read models' documents and checkpoints (the software list's, the purchase
   * index's and the ticket queue's) in the store, when it can, so that a restart resumes instead of folding the whole
   * log again. Default true.
   */
  readonly persistProjections?: boolean;
  /**
   * Events a read model applies between two saves while it catches up (it also saves where a
   * pass ends); default 20,000. On SQLite a save runs on the event loop: 20,000 events' changed
   * documents take about 0.6 s to write on the benchmark's machine, 2,000 events' about 0.1 s,
   * while the software list's million-event catch-up takes 38 s and 66 s. Lower it for a process that must answer
   * commands while a long catch-up runs.
   */
  readonly projectionSaveEvery?: number;
  /** How many recently used streams are kept decoded in memory; default 10,000, 0 for none. */
  readonly streamCacheSize?: number;
  /** Times a command is decided again after a version conflict before `VersionConflict`; default 8. */
  readonly maxRetries?: number;
  /**
   * Where spans and metrics go (docs/telemetry.md); defaults to the providers the host
   * registered with `@opentelemetry/api`, and so to nothing until it registers an SDK.
   */
  readonly telemetry?: TelemetryOptions;
}

/** The csp-onprem engine: commands in, events appended, read models out. Holds no global state. */
export interface Engine {
  /**
   * The engine acting as `actor`, whom the platform's own authentication vouched for (a
   * signed-in partner agent, a customer's admin, the support desk). The only way to run
   * commands and queries on behalf of a user: never build the actor from a request's body.
   */
  as(actor: unknown): EngineSession;
  /**
   * Runs one command whose `actor` is inside it. For trusted internal sources only (a queue
   * whose producer already authenticated the actor, a migration, a replay of your own
   * records): the engine believes whatever actor the command names. Anything a user sends
   * goes through {@link Engine.as}.
   */
  executeTrusted(input: unknown, options?: ExecuteOptions): Promise<E.Either<EngineError, Executed>>;
  /**
   * Crypto-shreds a customer tenant: destroys its data keys, so its product keys can never be
   * shown again, while the log (which holds only sealed keys) still verifies.
   */
  forgetTenant(tenantId: string): Promise<E.Either<EngineError, ForgottenTenant>>;
  /**
   * Rewraps every data key the store keeps under `next`, and uses `next` from now on; keys stay
   * readable throughout, and an interrupted rotation is resumed by running it again with both
   * keys at hand. Afterwards only `next` is needed. `StoreUnavailable` when the engine's vault
   * is not the store's (a vault of your own rotates its own keys).
   */
  rotateKeyEncryptionKey(next: KeyEncryptionKey, onProgress?: (dataKeysDone: number) => void): Promise<E.Either<EngineError, KeyRotationReport>>;
  /** Brings the read models up to the end of the log; answers the position reached. */
  catchUp(): Promise<E.Either<StoreUnavailableError, number>>;
  /** Forgets the saved read models and folds the whole log again. */
  rebuildProjections(): Promise<E.Either<StoreUnavailableError, number>>;
  /** Keeps the read models following new events every `intervalMs`; call the result to stop. */
  followProjections(intervalMs: number, onError?: (error: StoreUnavailableError) => void): () => void;
  /** Checks every stream's hash chain and that every event decodes, and compares the saved read models with a fold of the log. */
  verify(onProgress?: (eventsChecked: number) => void): Promise<E.Either<StoreUnavailableError, VerifyReport>>;
  /** Closes the store. */
  close(): Promise<void>;
}

/** Runs one step on each read model's runner in turn, stopping at the first failure; answers the last position. */
async function everyRunner(
  runners: readonly ProjectionRunner[],
  step: (runner: ProjectionRunner) => Promise<E.Either<StoreUnavailableError, number>>,
): Promise<E.Either<StoreUnavailableError, number>> {
  let reached: E.Either<StoreUnavailableError, number> = E.right(0);
  for (const runner of runners) {
    reached = await step(runner);
    if (E.isLeft(reached)) return reached;
  }
  return reached;
}

function isRotatable(vault: KeyVault): vault is RotatableKeyVault {
  return typeof (vault as Partial<RotatableKeyVault>).rotateKeyEncryptionKey === 'function';
}

/**
 * Builds an engine over a store, with the given or default clock, providers and key custody.
 * Throws `EngineConfigurationError` when the store keeps product keys durably and no
 * key-encryption key was given (see {@link EngineOptions.keyEncryptionKey}), and a
 * `RangeError` naming any key it does not take (a typo a JavaScript caller would not see).
 */
export function createEngine(options: EngineOptions): Engine {
  checkOptions(options, ENGINE_OPTIONS);
  const telemetry = engineTelemetry(options.telemetry);
  const guarded = guardedStore(options.store);
  const store = tracedStore(guarded, telemetry.tracer);
  const vault = keyVaultFor({ ...options, store }, options.environment ?? process.env);
  const softwareList = new SoftwareListProjection();
  const runnerOptions = {
    persist: options.persistProjections ?? true,
    tracer: telemetry.tracer,
    ...(options.projectionSaveEvery === undefined ? {} : { saveEvery: options.projectionSaveEvery }),
  };
  const runner = projectionRunner(store, softwareList, runnerOptions);
  const purchaseIndex = new PurchaseIndexProjection();
  const indexRunner = projectionRunner(store, purchaseIndex, runnerOptions);
  const ticketQueue = new TicketQueueProjection();
  const ticketRunner = projectionRunner(store, ticketQueue, runnerOptions);
  const runners = [indexRunner, runner, ticketRunner];
  // Counted on the store without spans: an observation of the lag is no work of the engine's.
  const stopObservingLag = observeProjectionLag(telemetry.meter, guarded, [
    { name: purchaseIndex.name, runner: indexRunner },
    { name: softwareList.name, runner },
    { name: ticketQueue.name, runner: ticketRunner },
  ]);
  const catchUpAll = () => everyRunner(runners, (each) => each.catchUp());
  const deps = {
    store,
    clock: options.clock ?? systemClock,
    keyProvider: options.keyProvider ?? developmentKeyProvider(),
    linkProvider: options.linkProvider ?? developmentLinkProvider(),
    vault,
    runner,
    softwareList,
    indexRunner,
    purchaseIndex,
    ticketRunner,
    ticketQueue,
    maxRetries: options.maxRetries ?? 8,
    streams: new StreamCache(options.streamCacheSize ?? 10_000),
    telemetry,
  };
  return {
    as: (actor) => ({
      execute: (command, executeOptions) => executeCommandAs(deps, actor, command, executeOptions),
      softwareList: (customerTenantId, listOptions) => softwareListQuery(deps, actor, customerTenantId, listOptions),
      refundEligibility: (subscriptionId, at, eligibilityOptions) => refundEligibilityQuery(deps, actor, subscriptionId, at === undefined ? deps.clock() : at, eligibilityOptions),
      auditTrail: (auditOptions) => auditTrailQuery(deps, actor, auditOptions),
      tickets: (ticketOptions) => ticketQuery(deps, actor, ticketOptions),
    }),
    executeTrusted: (input, executeOptions) => executeCommand(deps, input, executeOptions),
    catchUp: catchUpAll,
    rebuildProjections: () => everyRunner(runners, (each) => each.rebuild()),
    // One timer for both, so a store outage is reported once per tick and the purchase index stays first.
    followProjections: (intervalMs, onError) => repeatEvery(intervalMs, catchUpAll, onError),
    forgetTenant: (tenantId) => forgetTenant(deps, tenantId),
    async rotateKeyEncryptionKey(next, onProgress) {
      if (!isRotatable(vault)) return E.left(storeUnavailable('key vault', "this engine's vault is not the store's: a vault of your own rotates its own keys"));
      try {
        return E.right(await vault.rotateKeyEncryptionKey(next, onProgress));
      } catch (cause) {
        return E.left(keyVaultFailure(cause));
      }
    },
    verify: (onProgress) => tracedVerify(telemetry.tracer, store.name, () => verifyWithReadModels(store, onProgress)),
    close: () => {
      stopObservingLag();
      return store.close();
    },
  };
}
