import * as E from 'fp-ts/lib/Either.js';
import type { RefundEligibility, SoftwareItem } from '@csp-onprem/domain';
import { executeCommand, type Executed, type ExecuteOptions } from './command-handler.js';
import type { EngineError } from './engine-error.js';
import { systemClock, type Clock } from './ports/clock.js';
import { developmentKeyProvider, type KeyProvider } from './ports/key-provider.js';
import { inProcessVault, type KeyVault } from './ports/key-vault.js';
import { developmentLinkProvider, type LinkProvider } from './ports/link-provider.js';
import type { AuditEntry } from './projections/audit-entry.js';
import { OrderIndexProjection } from './projections/order-index-projection.js';
import { projectionRunner, repeatEvery, type ProjectionRunner } from './projections/projection-runner.js';
import { SoftwareListProjection } from './projections/software-list-projection.js';
import { auditTrailQuery, type AuditTrailOptions } from './queries/audit-trail-query.js';
import { refundEligibilityQuery } from './queries/refund-eligibility-query.js';
import { softwareListQuery, type SoftwareListOptions } from './queries/software-list-query.js';
import type { EventStore } from './store/event-store.js';
import { guardedStore } from './store/guarded-store.js';
import type { StoreUnavailableError } from './store/store-errors.js';
import { verifyStore, type VerifyReport } from './verify.js';
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
  /** Defaults to {@link inProcessVault}. */
  readonly vault?: KeyVault;
  /**
   * Keep the read models' documents and checkpoints (the software list's and the order
   * index's) in the store, when it can, so that a restart resumes instead of folding the whole
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
}

/** The csp-onprem engine: commands in, events appended, read models out. Holds no global state. */
export interface Engine {
  /** Runs one command given as untrusted input. A repeated command id returns the earlier result and writes nothing. */
  execute(input: unknown, options?: ExecuteOptions): Promise<E.Either<EngineError, Executed>>;
  /** The customer's software list as the actor may see it, now or `asOf` an instant or global position. */
  softwareList(actor: unknown, customerTenantId: string, options?: SoftwareListOptions): Promise<E.Either<EngineError, SoftwareItem[]>>;
  /**
   * Whether a purchase could be cancelled for credit `at` an instant, replayed as of it; or
   * as of a global position: the purchase once that event was written, judged at its instant.
   */
  refundEligibility(actor: unknown, subscriptionId: string, at: Date | number): Promise<E.Either<EngineError, RefundEligibility>>;
  /** Who did what, with which role, for which tenant, when. */
  auditTrail(actor: unknown, options?: AuditTrailOptions): Promise<E.Either<EngineError, AuditEntry[]>>;
  /**
   * Crypto-shreds a customer tenant: destroys its data keys, so its product keys can never be
   * shown again, while the log (which holds only sealed keys) still verifies.
   */
  forgetTenant(tenantId: string): Promise<E.Either<EngineError, ForgottenTenant>>;
  /** Brings the read models up to the end of the log; answers the position reached. */
  catchUp(): Promise<E.Either<StoreUnavailableError, number>>;
  /** Forgets the saved read models and folds the whole log again. */
  rebuildProjections(): Promise<E.Either<StoreUnavailableError, number>>;
  /** Keeps the read models following new events every `intervalMs`; call the result to stop. */
  followProjections(intervalMs: number, onError?: (error: StoreUnavailableError) => void): () => void;
  /** Checks every stream's hash chain and that every event decodes. */
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

/** Builds an engine over a store, with the given or default clock, providers and vault. */
export function createEngine(options: EngineOptions): Engine {
  const store = guardedStore(options.store);
  const softwareList = new SoftwareListProjection();
  const runnerOptions = { persist: options.persistProjections ?? true, ...(options.projectionSaveEvery === undefined ? {} : { saveEvery: options.projectionSaveEvery }) };
  const runner = projectionRunner(store, softwareList, runnerOptions);
  const orderIndex = new OrderIndexProjection();
  const orderRunner = projectionRunner(store, orderIndex, runnerOptions);
  const runners = [orderRunner, runner];
  const catchUpAll = () => everyRunner(runners, (each) => each.catchUp());
  const deps = {
    store,
    clock: options.clock ?? systemClock,
    keyProvider: options.keyProvider ?? developmentKeyProvider(),
    linkProvider: options.linkProvider ?? developmentLinkProvider(),
    vault: options.vault ?? inProcessVault(),
    runner,
    softwareList,
    orderRunner,
    orderIndex,
    maxRetries: options.maxRetries ?? 8,
    streams: new StreamCache(options.streamCacheSize ?? 10_000),
  };
  return {
    execute: (input, executeOptions) => executeCommand(deps, input, executeOptions),
    softwareList: (actor, customerTenantId, listOptions) => softwareListQuery(deps, actor, customerTenantId, listOptions),
    refundEligibility: (actor, subscriptionId, at) => refundEligibilityQuery(store, actor, subscriptionId, at),
    auditTrail: (actor, auditOptions) => auditTrailQuery(deps, actor, auditOptions),
    catchUp: catchUpAll,
    rebuildProjections: () => everyRunner(runners, (each) => each.rebuild()),
    // One timer for both, so a store outage is reported once per tick and the order index stays first.
    followProjections: (intervalMs, onError) => repeatEvery(intervalMs, catchUpAll, onError),
    forgetTenant: (tenantId) => forgetTenant(deps, tenantId),
    verify: (onProgress) => verifyStore(store, onProgress),
    close: () => store.close(),
  };
}
