import type { HttpClient } from './http-client.js';
import { DATASET_VARIANT } from './http-dataset.js';
import type { Operation } from './http-mix.js';

/** The request an operation is over HTTP: the same routes a platform calls. */
function requestOf(operation: Operation): { method: string; path: string; body?: unknown } {
  const sub = encodeURIComponent(operation.subscriptionId);
  switch (operation.kind) {
    case 'GetKey':
      return { method: 'POST', path: `/v1/purchases/${sub}/keys`, body: { commandId: operation.commandId, variant: DATASET_VARIANT } };
    case 'DownloadSoftware':
      return { method: 'POST', path: `/v1/purchases/${sub}/downloads`, body: { commandId: operation.commandId, variant: DATASET_VARIANT } };
    case 'softwareList':
      return { method: 'GET', path: `/v1/customers/${operation.customerTenantId}/software` };
    case 'refundEligibility':
      return { method: 'GET', path: `/v1/purchases/${sub}/refund-eligibility` };
  }
}

/** Performs an operation over HTTP with its partner's token; answers why it failed, if it did. */
export function operationOverHttp(client: HttpClient, tokens: readonly string[]): (operation: Operation) => Promise<string | undefined> {
  return async (operation) => {
    const { method, path, body } = requestOf(operation);
    const headers = { authorization: `Bearer ${tokens[operation.partner] ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const response = await client.send(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    const answer = JSON.parse(response.body) as { productKey?: string; items?: unknown[]; code?: string };
    if (response.status >= 300) return `${response.status} ${answer.code ?? ''}`;
    if (operation.kind === 'GetKey' && answer.productKey === undefined) return 'no product key';
    if (operation.kind === 'softwareList' && (answer.items?.length ?? 0) === 0) return 'an empty list';
    return undefined;
  };
}
