import { cancellationDeadline, type CommandType, type EventType } from '@csp-onprem/domain';
import { subscriptionOfStream, type Executed, type ExecutedEvent } from '@csp-onprem/engine';

/** The status a command answers with, the first time and on a replay alike. */
export const commandStatus: Readonly<Record<CommandType, 200 | 201>> = {
  PurchaseSoftware: 201,
  GetKey: 200,
  DownloadSoftware: 200,
  CopyDownloadLink: 200,
  RequestCancellation: 201,
  CompleteCancellation: 200,
  RejectCancellation: 200,
};

type EventOfType<K extends EventType> = Extract<ExecutedEvent, { type: K }>;

function eventOf<K extends EventType>(executed: Executed, ...types: K[]): EventOfType<K> {
  const found = executed.events.find((event): event is EventOfType<K> => (types as EventType[]).includes(event.type));
  if (found === undefined) throw new Error(`the engine answered ${executed.commandId} without a ${types.join(' or ')} event`);
  return found;
}

/** The subscription id of the purchase a command acted on (every command acts on a purchase stream). */
function subscriptionOf(executed: Executed): string {
  return subscriptionOfStream(executed.streamId) ?? executed.streamId;
}

function common(type: CommandType, executed: Executed) {
  return {
    type,
    commandId: executed.commandId,
    replayed: executed.replayed,
    events: executed.events.map((event) => ({ type: event.type, version: event.version, occurredAt: event.occurredAt })),
  };
}

const shapers: Readonly<Record<CommandType, (executed: Executed) => Record<string, unknown>>> = {
  PurchaseSoftware(executed) {
    const purchased = eventOf(executed, 'Purchased');
    const d = purchased.data;
    return {
      subscriptionId: d.subscriptionId,
      orderId: d.orderId,
      partnerId: d.partnerId,
      customer: d.customer,
      product: d.product,
      quantity: d.quantity,
      paid: d.paid,
      cancellationPolicy: d.cancellationPolicy,
      purchasedAt: purchased.occurredAt,
      cancellableUntil: cancellationDeadline(new Date(purchased.occurredAt), d.cancellationPolicy).toISOString(),
    };
  },
  GetKey(executed) {
    const shown = eventOf(executed, 'KeyIssued', 'KeyViewed');
    return {
      subscriptionId: subscriptionOf(executed),
      variant: shown.data.variant,
      fingerprint: shown.data.fingerprint,
      issued: shown.type === 'KeyIssued',
      ...(executed.productKey === undefined ? {} : { productKey: executed.productKey }),
    };
  },
  DownloadSoftware(executed) {
    const downloaded = eventOf(executed, 'Downloaded');
    return { subscriptionId: subscriptionOf(executed), variant: downloaded.data.variant, downloadedAt: downloaded.occurredAt };
  },
  CopyDownloadLink(executed) {
    const copied = eventOf(executed, 'LinkCopied');
    const link = executed.downloadLink;
    return {
      subscriptionId: subscriptionOf(executed),
      variant: copied.data.variant,
      linkFingerprint: copied.data.linkFingerprint,
      linkHost: copied.data.linkHost,
      expiresAt: copied.data.expiresAt,
      ...(link === undefined ? {} : { link: { url: link.url, expiresAt: link.expiresAt.toISOString() } }),
    };
  },
  RequestCancellation(executed) {
    const requested = eventOf(executed, 'CancelRequested');
    return {
      ticketId: requested.data.ticketId,
      subscriptionId: subscriptionOf(executed),
      status: 'open',
      requestedAt: requested.occurredAt,
      requestedAmount: requested.data.requestedAmount,
    };
  },
  CompleteCancellation(executed) {
    const completed = eventOf(executed, 'CancelCompleted');
    const revoked = executed.events.filter((event): event is EventOfType<'KeyRevoked'> => event.type === 'KeyRevoked');
    return {
      ticketId: completed.data.ticketId,
      subscriptionId: subscriptionOf(executed),
      credit: completed.data.credit,
      creditPercent: completed.data.creditPercent,
      revokedKeys: revoked.map((event) => ({ variant: event.data.variant, fingerprint: event.data.fingerprint })),
    };
  },
  RejectCancellation(executed) {
    const rejected = eventOf(executed, 'CancelRejected');
    return { ticketId: rejected.data.ticketId, subscriptionId: subscriptionOf(executed), reason: rejected.data.reason };
  },
};

/**
 * A command's answer, shaped for its caller: what the command did, never the sealed key
 * material, data-key ids or stream ids the log keeps for itself.
 */
export function answerOf(type: CommandType, executed: Executed): Record<string, unknown> {
  return { ...common(type, executed), ...shapers[type](executed) };
}
