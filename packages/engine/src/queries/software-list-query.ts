import * as E from 'fp-ts/lib/Either.js';
import { foldSoftwareItem, readScope, ruleError, type SoftwareItem } from '@csp-onprem/domain';
import type { EngineError } from '../engine-error.js';
import { readStreamEvents } from '../stream-loader.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import { confirmParties } from '../projections/purchase-parties.js';
import { partiesOfItem, type SoftwareListProjection } from '../projections/software-list-projection.js';
import type { KeyVault } from '../ports/key-vault.js';
import type { EventStore } from '../store/event-store.js';
import { keyVaultFailure } from '../custody/key-custody-error.js';
import { checkAsOf, checkTenant, decodeActor, prefixAsOf, readOptions, type AsOf } from './query-input.js';

/** Options of a software-list query. */
export interface SoftwareListOptions {
  /** The list as it stood at this instant or global position; now when absent. */
  readonly asOf?: AsOf;
}

/** What a software-list query reads. */
export interface SoftwareListDeps {
  readonly store: EventStore;
  readonly vault: KeyVault;
  readonly runner: ProjectionRunner;
  readonly softwareList: SoftwareListProjection;
}

async function itemAsOf(store: EventStore, streamId: string, asOf: AsOf): Promise<E.Either<EngineError, SoftwareItem | undefined>> {
  const loaded = await readStreamEvents(store, streamId);
  if (E.isLeft(loaded)) return loaded;
  return E.right(foldSoftwareItem(prefixAsOf(loaded.right, asOf)));
}

/** Marks the keys whose data key the vault no longer has (the tenant was forgotten). */
export async function markShreddedKeys(vault: KeyVault, items: readonly SoftwareItem[]): Promise<E.Either<EngineError, void>> {
  const known = new Map<string, boolean>();
  try {
    for (const key of items.flatMap((item) => item.keys)) {
      let shredded = known.get(key.dataKeyId);
      if (shredded === undefined) {
        shredded = vault.isDestroyed !== undefined ? await vault.isDestroyed(key.dataKeyId) : (await vault.existingDataKey(key.dataKeyId)) === undefined;
        known.set(key.dataKeyId, shredded);
      }
      key.shredded = shredded;
    }
    return E.right(undefined);
  } catch (cause) {
    return E.left(keyVaultFailure(cause));
  }
}

function byPurchase(a: SoftwareItem, b: SoftwareItem): number {
  return a.purchasedAt.localeCompare(b.purchasedAt) || a.subscriptionId.localeCompare(b.subscriptionId);
}

/** The customer's software list as the actor may see it, now or as of a past instant or position. */
export async function softwareListQuery(
  deps: SoftwareListDeps,
  actorInput: unknown,
  customerTenantId: unknown,
  options: SoftwareListOptions = {},
): Promise<E.Either<EngineError, SoftwareItem[]>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  const tenant = checkTenant(customerTenantId, 'customerTenantId');
  if (E.isLeft(tenant)) return tenant;
  const read = readOptions(options, ['asOf']);
  if (E.isLeft(read)) return read;
  const asOf = read.right.asOf === undefined ? E.right(undefined) : checkAsOf(read.right.asOf, 'asOf');
  if (E.isLeft(asOf)) return asOf;
  const scope = readScope(actor.right, tenant.right);
  if (scope.kind === 'none') return E.left(ruleError('Forbidden', scope.why));
  const caughtUp = await deps.runner.catchUp();
  if (E.isLeft(caughtUp)) return caughtUp;

  const items: SoftwareItem[] = [];
  for (const streamId of deps.softwareList.byCustomer.get(tenant.right.toLowerCase()) ?? []) {
    const live = deps.softwareList.items.get(streamId);
    if (live === undefined) continue;
    if (!deps.softwareList.isConfirmed(streamId)) {
      // A restored document decides nothing until its parties are checked against the log.
      const confirmed = await confirmParties(deps.store, deps.softwareList.name, streamId, partiesOfItem(live));
      if (E.isLeft(confirmed)) return confirmed;
      deps.softwareList.confirm(streamId);
    }
    if (scope.kind === 'partner' && live.partnerId !== scope.partnerId) continue;
    if (asOf.right === undefined) {
      items.push(structuredClone(live));
      continue;
    }
    const past = await itemAsOf(deps.store, streamId, asOf.right);
    if (E.isLeft(past)) return past;
    if (past.right !== undefined) items.push(past.right);
  }
  const marked = await markShreddedKeys(deps.vault, items);
  return E.isLeft(marked) ? marked : E.right(items.sort(byPurchase));
}
