import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '@csp-onprem/domain';
import { createEngine, localKeyEncryptionKey, manualClock, type EventStore } from '@csp-onprem/engine';
import { CUSTOMERS, PARTNERS, SCENARIO_START, supportActor } from './world.js';
import { executeAsActor } from '@csp-onprem/testing';

const admin = (partner: 0 | 1): Actor => ({ userId: `adele@partner-${partner}.example`, tenantId: PARTNERS[partner], roles: ['AdminAgent'] });
const globalAdmin = (customer: 0 | 1): Actor => ({ userId: `gary@customer-${customer}.example`, tenantId: CUSTOMERS[customer].tenantId, roles: ['GlobalAdmin'] });
const product = { productId: 'DG7GMGF0D3RK', skuId: '0002', title: 'Office LTSC Professionnel Plus – édition 2024', versions: ['2024', '2021'], languages: ['en-us', 'fr-fr'], bitness: ['32-bit', '64-bit'] };
const v64 = { version: '2024', language: 'en-us', bitness: '64-bit' };
const v32 = { version: '2021', language: 'fr-fr', bitness: '32-bit' };

function buy(id: string, partner: 0 | 1, customer: 0 | 1, orderId: string, subscriptionId: string): Record<string, unknown> {
  return {
    type: 'PurchaseSoftware',
    commandId: id,
    actor: admin(partner),
    partnerId: PARTNERS[partner],
    customer: { tenantId: CUSTOMERS[customer].tenantId, domain: CUSTOMERS[customer].domain },
    orderId,
    subscriptionId,
    product,
    quantity: 2,
    unitPrice: { amount: 97_200, currency: 'USD' },
  };
}

function requestCancellation(id: string, partner: 0 | 1, customer: 0 | 1, subscriptionId: string): Record<string, unknown> {
  return {
    type: 'RequestCancellation',
    commandId: id,
    actor: admin(partner),
    customer: { tenantId: CUSTOMERS[customer].tenantId },
    subscriptionId,
    refundReason: 'Bought the wrong edition',
    requestedAmount: { amount: 150_000, currency: 'USD' },
    impact: 'Moderate',
    title: `Cancel ${subscriptionId}`,
    contact: { name: 'Adele Vance', email: 'adele@partner.example', phone: '+1 425 555 0100' },
    attachments: ['invoice.pdf', 'screenshot.png'],
  };
}

const onVariant = (type: string, id: string, actor: Actor, subscriptionId: string, variant: object) => ({ type, commandId: id, actor, subscriptionId, variant });

/** What building the sample log gave back: the plain keys GetKey returned, for the secrets properties. */
export interface SampleLog {
  readonly productKeys: string[];
  readonly ticketIds: string[];
}

/**
 * Writes a small but complete log through the engine: three purchases by two partners, keys
 * issued and viewed, downloads, links, one cancellation rejected and one completed (keys revoked).
 */
export async function writeSampleLog(store: EventStore): Promise<SampleLog> {
  const clock = manualClock(SCENARIO_START);
  // A fixed test KEK: a durable store keeps the data keys wrapped under it.
  const engine = createEngine({ store, clock: clock.now, keyEncryptionKey: localKeyEncryptionKey(Buffer.alloc(32, 9)) });
  const productKeys: string[] = [];
  const ticketIds: string[] = [];
  const run = async (command: Record<string, unknown>): Promise<void> => {
    clock.advance(3_600_000);
    const result = await executeAsActor(engine, command);
    if (E.isLeft(result)) throw new Error(`sample log: ${String(command.commandId)} failed: ${result.left.message}`);
    if (result.right.productKey !== undefined) productKeys.push(result.right.productKey);
    for (const event of result.right.events) if (event.type === 'CancelRequested') ticketIds.push(event.data.ticketId);
  };
  await run(buy('buy-1', 0, 0, 'ORD-1', 'SUB-1'));
  await run(buy('buy-2', 0, 0, 'ORD-1', 'SUB-2'));
  await run(buy('buy-3', 1, 1, 'ORD-2', 'SUB-3'));
  await run(onVariant('GetKey', 'key-1', admin(0), 'SUB-1', v64));
  await run(onVariant('GetKey', 'key-2', admin(0), 'SUB-1', v32));
  await run(onVariant('GetKey', 'key-3', globalAdmin(0), 'SUB-1', v64));
  await run(onVariant('DownloadSoftware', 'dl-1', globalAdmin(0), 'SUB-1', v64));
  await run(onVariant('CopyDownloadLink', 'link-1', admin(0), 'SUB-1', v32));
  await run(onVariant('GetKey', 'key-4', admin(1), 'SUB-3', v64));
  await run(onVariant('DownloadSoftware', 'dl-2', admin(1), 'SUB-3', v64));
  await run(requestCancellation('cancel-1', 0, 0, 'SUB-2'));
  await run({ type: 'RejectCancellation', commandId: 'reject-1', actor: supportActor, subscriptionId: 'SUB-2', ticketId: ticketIds[0], reason: 'Needs the invoice' });
  await run(requestCancellation('cancel-2', 0, 0, 'SUB-1'));
  await run({ type: 'CompleteCancellation', commandId: 'complete-1', actor: supportActor, subscriptionId: 'SUB-1', ticketId: ticketIds[1] });
  await run(onVariant('GetKey', 'key-5', globalAdmin(1), 'SUB-3', v64));
  await run(onVariant('CopyDownloadLink', 'link-2', admin(1), 'SUB-3', v64));
  await run(requestCancellation('cancel-3', 1, 1, 'SUB-3'));
  return { productKeys, ticketIds };
}
