import type { Engine } from '@csp-onprem/engine';
import * as E from 'fp-ts/lib/Either.js';
import { DATASET_VARIANT, type Dataset } from './http-dataset.js';
import type { Operation } from './http-mix.js';

/** Performs an operation through the engine directly, as its partner; answers why it failed, if it did. */
export function operationThroughEngine(engine: Engine, data: Dataset): (operation: Operation) => Promise<string | undefined> {
  const sessions = data.partners.map((partner) => engine.as(partner));
  return async (operation) => {
    const session = sessions[operation.partner];
    if (session === undefined) return 'no such partner';
    switch (operation.kind) {
      case 'GetKey': {
        const shown = await session.execute({ type: 'GetKey', commandId: operation.commandId, subscriptionId: operation.subscriptionId, variant: DATASET_VARIANT });
        return E.isLeft(shown) ? `${shown.left.code}: ${shown.left.message}` : shown.right.productKey === undefined ? 'no product key' : undefined;
      }
      case 'DownloadSoftware': {
        const downloaded = await session.execute({ type: 'DownloadSoftware', commandId: operation.commandId, subscriptionId: operation.subscriptionId, variant: DATASET_VARIANT });
        return E.isLeft(downloaded) ? `${downloaded.left.code}: ${downloaded.left.message}` : undefined;
      }
      case 'softwareList': {
        const list = await session.softwareList(operation.customerTenantId);
        return E.isLeft(list) ? `${list.left.code}: ${list.left.message}` : list.right.length === 0 ? 'an empty list' : undefined;
      }
      case 'refundEligibility': {
        const eligibility = await session.refundEligibility(operation.subscriptionId, new Date());
        return E.isLeft(eligibility) ? `${eligibility.left.code}: ${eligibility.left.message}` : undefined;
      }
    }
  };
}
