import type { CommandType } from '@csp-onprem/domain';
import type { Static, TSchema } from '@sinclair/typebox';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyRequest } from 'fastify';
import { commandIdOf } from '../commands/command-id.js';
import { runCommand } from '../commands/run-command.js';
import { AnyAnswer, answerSchemas } from '../schemas/answers.js';
import { AnyCommand, CancellationBody, CompleteBody, IdempotencyHeaders, LinkBody, PurchaseBody, RejectBody, VariantBody } from '../schemas/command-bodies.js';
import { CustomerPath, PurchasePath, TicketPath } from '../schemas/query-strings.js';
import { refused, type ApiRoute, type RouteContext, type RouteOutcome } from './route-spec.js';

const TAG_PARTNER = 'Partner';
const TAG_SUPPORT = 'Support desk';

const purchaseProblems = ['Forbidden', 'UnknownPurchase', 'AmbiguousPurchase', 'VariantNotOffered', 'AlreadyCancelled', 'KeyShredded', 'VersionConflict', 'KeyEncryptionKeyMismatch'] as const;
const ticketProblems = ['Forbidden', 'UnknownTicket', 'UnknownPurchase', 'VersionConflict'] as const;

/**
 * Runs a resource route's command: the body's fields, the path's, and the command id from the
 * body or the `Idempotency-Key` header.
 */
async function resourceCommand(request: FastifyRequest, context: RouteContext, type: CommandType, fields: Readonly<Record<string, unknown>>): Promise<RouteOutcome> {
  const id = commandIdOf(request, fields as { commandId?: string });
  if (E.isLeft(id)) return refused(id.left);
  return runCommand(context, type, { ...fields, commandId: id.right }, request.id);
}

/** POST /v1/commands: any command of the JSON contract, without `actor`. */
export const commandsRoute: ApiRoute = {
  spec: {
    method: 'POST',
    url: '/v1/commands',
    operationId: 'executeCommand',
    summary: 'Run any command of the contract',
    description:
      'A command exactly as in the JSON contract of DOMAIN.md, without `actor` (a body naming one is refused, nothing written): the actor is the bearer token\'s. ' +
      'Answers what the command did, with the same status as the resource route of the same command. A command id sent again writes nothing and answers as the first time did, `replayed: true`.',
    tag: 'Commands',
    authenticated: true,
    body: AnyCommand,
    responses: {
      200: { description: 'A key shown, a download or a link recorded, a ticket completed or rejected.', schema: AnyAnswer },
      201: { description: 'A purchase made or a cancellation ticket opened.', schema: AnyAnswer },
    },
    problems: [...purchaseProblems, 'DuplicatePurchase', 'CustomerMismatch', 'AmbiguousOrder', 'CancellationWindowElapsed', 'CancellationPending', 'AmountExceedsPaid', 'CurrencyMismatch', 'UnknownTicket'],
  },
  handle: (request, context) => {
    const command = request.body as { type: CommandType } & Record<string, unknown>;
    return runCommand(context, command.type, command, request.id);
  },
};

/** POST /v1/customers/{tenantId}/purchases: PurchaseSoftware. */
export const purchaseRoute: ApiRoute = {
  spec: {
    method: 'POST',
    url: '/v1/customers/:tenantId/purchases',
    operationId: 'purchaseSoftware',
    summary: 'Buy an order line on behalf of the customer',
    description: 'PurchaseSoftware for the customer in the path; `partnerId` defaults to the token\'s tenant (only an AdminAgent of that partner may buy).',
    tag: TAG_PARTNER,
    authenticated: true,
    params: CustomerPath,
    headers: IdempotencyHeaders,
    body: PurchaseBody,
    responses: { 201: { description: 'The purchase made (or, for a command id sent again, as it was made).', schema: answerSchemas.PurchaseSoftware } },
    problems: ['Forbidden', 'DuplicatePurchase', 'VersionConflict'],
  },
  handle: (request, context) => {
    const body = request.body as Static<typeof PurchaseBody>;
    const { tenantId } = request.params as Static<typeof CustomerPath>;
    return resourceCommand(request, context, 'PurchaseSoftware', {
      ...body,
      partnerId: body.partnerId ?? context.actor.tenantId,
      customer: { tenantId, domain: body.customer.domain },
    });
  },
};

function variantRoute(type: 'GetKey' | 'DownloadSoftware', path: string, operationId: string, summary: string, description: string): ApiRoute {
  return {
    spec: {
      method: 'POST',
      url: `/v1/purchases/:subscriptionId/${path}`,
      operationId,
      summary,
      description,
      tag: TAG_PARTNER,
      authenticated: true,
      params: PurchasePath,
      headers: IdempotencyHeaders,
      body: VariantBody,
      responses: { 200: { description: summary, schema: answerSchemas[type] } },
      problems: purchaseProblems,
    },
    handle: (request, context) => {
      const { subscriptionId } = request.params as Static<typeof PurchasePath>;
      return resourceCommand(request, context, type, { ...(request.body as Static<typeof VariantBody>), subscriptionId });
    },
  };
}

/** POST /v1/purchases/{subscriptionId}/keys: GetKey. */
export const keysRoute = variantRoute(
  'GetKey',
  'keys',
  'getKey',
  'Get (or see again) the product key of a variant',
  'The first time for a variant issues the key (KeyIssued); later, shows it again (KeyViewed). An AdminAgent of the selling partner, or a GlobalAdmin of the customer tenant. The answer carries the key; a command id sent again answers without it.',
);

/** POST /v1/purchases/{subscriptionId}/downloads: DownloadSoftware. */
export const downloadsRoute = variantRoute('DownloadSoftware', 'downloads', 'downloadSoftware', 'Record a download of a variant', 'An AdminAgent of the selling partner, or a GlobalAdmin of the customer tenant.');

/** POST /v1/purchases/{subscriptionId}/links: CopyDownloadLink. */
export const linksRoute: ApiRoute = {
  spec: {
    method: 'POST',
    url: '/v1/purchases/:subscriptionId/links',
    operationId: 'copyDownloadLink',
    summary: 'Copy a download link of a variant for the customer',
    description: 'Every copy is recorded (the log keeps the link\'s fingerprint, host and expiry). An AdminAgent of the selling partner. The answer carries the link; a command id sent again answers without it.',
    tag: TAG_PARTNER,
    authenticated: true,
    params: PurchasePath,
    headers: IdempotencyHeaders,
    body: LinkBody,
    responses: { 200: { description: 'The link copied.', schema: answerSchemas.CopyDownloadLink } },
    problems: purchaseProblems,
  },
  handle: (request, context) => {
    const { subscriptionId } = request.params as Static<typeof PurchasePath>;
    return resourceCommand(request, context, 'CopyDownloadLink', { ...(request.body as Static<typeof LinkBody>), subscriptionId });
  },
};

/** POST /v1/cancellations: RequestCancellation. */
export const cancellationsRoute: ApiRoute = {
  spec: {
    method: 'POST',
    url: '/v1/cancellations',
    operationId: 'requestCancellation',
    summary: 'Open a cancellation ticket',
    description:
      'Inside the cancellation window (60 days by default), for 100% credit of the requested amount once support completes it. The ticket names the customer (tenant GUID or domain), the order or the subscription, the refund reason, the requested amount, the impact, a title and a contact.',
    tag: TAG_PARTNER,
    authenticated: true,
    headers: IdempotencyHeaders,
    body: CancellationBody,
    responses: { 201: { description: 'The ticket opened.', schema: answerSchemas.RequestCancellation } },
    problems: ['Forbidden', 'UnknownPurchase', 'CustomerMismatch', 'AmbiguousOrder', 'CancellationWindowElapsed', 'CancellationPending', 'AlreadyCancelled', 'AmountExceedsPaid', 'CurrencyMismatch', 'VersionConflict'],
  },
  handle: (request, context) => resourceCommand(request, context, 'RequestCancellation', request.body as Static<typeof CancellationBody>),
};

/** What tells one ticket route from the other. */
interface TicketRouteText {
  readonly verb: 'complete' | 'reject';
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly answered: string;
}

function ticketRoute(type: 'CompleteCancellation' | 'RejectCancellation', body: TSchema, text: TicketRouteText): ApiRoute {
  return {
    spec: {
      method: 'POST',
      url: `/v1/cancellations/:ticketId/${text.verb}`,
      operationId: text.operationId,
      summary: text.summary,
      description: text.description,
      tag: TAG_SUPPORT,
      authenticated: true,
      params: TicketPath,
      headers: IdempotencyHeaders,
      body,
      responses: { 200: { description: text.answered, schema: answerSchemas[type] } },
      problems: ticketProblems,
    },
    handle: (request, context) => {
      const { ticketId } = request.params as Static<typeof TicketPath>;
      return resourceCommand(request, context, type, { ...(request.body as Readonly<Record<string, unknown>>), ticketId });
    },
  };
}

/** POST /v1/cancellations/{ticketId}/complete: CompleteCancellation. */
export const completeRoute = ticketRoute('CompleteCancellation', CompleteBody, {
  verb: 'complete',
  operationId: 'completeCancellation',
  summary: 'Complete a cancellation ticket',
  description: 'Support only (from the service\'s operator tenants). Grants the credit and revokes every key of the purchase, in one atomic append.',
  answered: 'The ticket completed.',
});

/** POST /v1/cancellations/{ticketId}/reject: RejectCancellation. */
export const rejectRoute = ticketRoute('RejectCancellation', RejectBody, {
  verb: 'reject',
  operationId: 'rejectCancellation',
  summary: 'Reject a cancellation ticket',
  description: 'Support only (from the service\'s operator tenants). The purchase stays active; a new request may follow.',
  answered: 'The ticket rejected.',
});

/** Every command route. */
export const commandRoutes: readonly ApiRoute[] = [commandsRoute, purchaseRoute, keysRoute, downloadsRoute, linksRoute, cancellationsRoute, completeRoute, rejectRoute];
