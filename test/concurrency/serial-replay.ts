import * as E from 'fp-ts/lib/Either.js';
import type { RefundEligibility, SoftwareItem } from '@csp-onprem/domain';
import { createEngine, inMemoryStore, type AuditEntry, type Engine, type StoredEvent } from '@csp-onprem/engine';
import { CUSTOMERS, partner, type PurchaseSpec } from './catalog.js';
import { deterministicVault, TEST_VAULT_SECRET } from './deterministic-vault.js';

/**
 * A new engine over a fresh in-memory store holding the same records, appended one at a time
 * in the log's global order: the serial history the concurrent run must be equivalent to.
 */
export async function serialReplay(records: readonly StoredEvent[]): Promise<Engine> {
  const store = inMemoryStore();
  for (const { position: _position, ...record } of records) {
    const appended = await store.appendToStream(record.streamId, record.version - 1, [record]);
    if (E.isLeft(appended)) throw new Error(`serial replay failed at ${record.streamId} v${record.version}: ${appended.left.message}`);
  }
  return createEngine({ store, vault: deterministicVault(TEST_VAULT_SECRET) });
}

/** The read models a run is compared on. */
export interface ReadModels {
  /** Each customer's software list, as the selling partner sees it. */
  readonly softwareLists: Record<string, SoftwareItem[]>;
  /** Each purchase's refund eligibility at each of the given instants. */
  readonly refundEligibility: Record<string, RefundEligibility>;
  /** The partner's audit trail without global positions (a replay numbers events afresh). */
  readonly auditTrail: Omit<AuditEntry, 'position'>[];
}

function right<A>(what: string, result: E.Either<{ readonly message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`${what}: ${result.left.message}`);
  return result.right;
}

/** Reads every read model an engine offers, for the given purchases and instants. */
export async function readModels(engine: Engine, specs: readonly PurchaseSpec[], instants: readonly Date[]): Promise<ReadModels> {
  const softwareLists: Record<string, SoftwareItem[]> = {};
  for (const customer of CUSTOMERS) {
    softwareLists[customer.tenantId] = right(`software list of ${customer.domain}`, await engine.as(partner).softwareList(customer.tenantId));
  }
  const refundEligibility: Record<string, RefundEligibility> = {};
  for (const spec of specs) {
    for (const at of instants) {
      const key = `${spec.subscriptionId}@${at.toISOString()}`;
      refundEligibility[key] = right(`refund eligibility of ${key}`, await engine.as(partner).refundEligibility(spec.subscriptionId, at));
    }
  }
  const entries = right('audit trail', await engine.as(partner).auditTrail());
  const auditTrail = entries.map(({ position: _position, ...entry }) => entry);
  return { softwareLists, refundEligibility, auditTrail };
}
