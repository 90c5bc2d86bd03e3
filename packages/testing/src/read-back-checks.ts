import { expect } from 'chai';
import type { Actor, Command, PurchaseSoftware, SoftwareItem } from '@csp-onprem/domain';
import type { AuditEntry, Engine, EventStore, Executed } from '@csp-onprem/engine';
import { STORY_PARTIES } from './untrusted-story.js';
import { right } from './contract-helpers.js';

/** A command the engine accepted, as decoded, with what it answered. */
export interface Accepted {
  readonly command: Command;
  readonly executed: Executed;
}

/** Who reads everything back: an Auditor reads every software list and the whole audit trail. */
export const AUDITOR: Actor = { userId: 'auditor@contract.example', tenantId: STORY_PARTIES.support, roles: ['Auditor'] };

/** The engine calls this file makes, in one place. */
const call = {
  softwareList: (engine: Engine, customerTenantId: string) => engine.as(AUDITOR).softwareList(customerTenantId),
  auditTrail: (engine: Engine) => engine.as(AUDITOR).auditTrail(),
};

function count(accepted: readonly Accepted[], type: Command['type'], streamId: string): number {
  return accepted.filter((a) => a.command.type === type && a.executed.streamId === streamId).length;
}

/**
 * Checks that what the engine accepted reads back identical: each command's events in the
 * store (data as answered), in the audit trail (same events, the actor's user id, tenant and
 * roles as sent), and the purchase in the customer's software list (product, order, variants
 * keyed, downloads, links, refund reasons, rejection reasons, status). Answers the audit trail
 * it read: the whole log, as an auditor sees it.
 */
export async function checkReadBack(engine: Engine, store: EventStore, accepted: readonly Accepted[]): Promise<AuditEntry[]> {
  const trail = right(await call.auditTrail(engine));
  for (const { command, executed } of accepted) {
    const entries = trail.filter((entry) => entry.commandId === command.commandId && entry.streamId === executed.streamId);
    expect(entries.map((entry) => entry.eventId), `${command.type}: its events in the audit trail`).to.deep.equal(executed.events.map((event) => event.eventId));
    for (const entry of entries) {
      expect({ userId: entry.userId, tenantId: entry.actorTenantId, roles: entry.roles }).to.deep.equal({ userId: command.actor.userId, tenantId: command.actor.tenantId, roles: command.actor.roles });
    }
    const stored = right(await store.readStream(executed.streamId));
    for (const event of executed.events) {
      const back = stored.find((candidate) => candidate.eventId === event.eventId);
      expect(back && { type: back.type, data: back.data }, `${event.type} as stored`).to.deep.equal({ type: event.type, data: event.data });
    }
  }
  const bought = accepted.find((a) => a.command.type === 'PurchaseSoftware');
  if (bought === undefined || bought.command.type !== 'PurchaseSoftware') return trail;
  const purchase = bought.command;
  const streamId = bought.executed.streamId;
  const item = right(await call.softwareList(engine, purchase.customer.tenantId)).find((candidate) => candidate.subscriptionId === purchase.subscriptionId);
  if (item === undefined) return expect.fail('the accepted purchase is not in the software list');
  checkItem(item, purchase, streamId, accepted);
  return trail;
}

/** Checks the purchase's software-list item against the commands accepted on it. */
function checkItem(item: SoftwareItem, purchase: PurchaseSoftware, streamId: string, accepted: readonly Accepted[]): void {
  expect({ product: item.product, orderId: item.orderId, customer: item.customer }).to.deep.equal({ product: purchase.product, orderId: purchase.orderId, customer: purchase.customer });
  for (const { command } of accepted) {
    if (command.type === 'GetKey') expect(item.keys.map((key) => key.variant), 'the key of the variant asked for').to.deep.include(command.variant);
  }
  expect(item.downloads).to.equal(count(accepted, 'DownloadSoftware', streamId));
  expect(item.linkCopies).to.equal(count(accepted, 'CopyDownloadLink', streamId));
  const requests = accepted.flatMap((a) => (a.command.type === 'RequestCancellation' && a.executed.streamId === streamId ? [a.command.refundReason] : []));
  expect(item.cancellations.map((c) => c.refundReason)).to.deep.equal(requests);
  const rejections = accepted.flatMap((a) => (a.command.type === 'RejectCancellation' && a.executed.streamId === streamId ? [a.command.reason] : []));
  expect(item.cancellations.flatMap((c) => (c.rejectionReason === null ? [] : [c.rejectionReason]))).to.deep.equal(rejections);
  if (count(accepted, 'CompleteCancellation', streamId) > 0) expect(item.status).to.equal('cancelled');
}
