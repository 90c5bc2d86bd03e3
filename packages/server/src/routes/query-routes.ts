import type { Static } from '@sinclair/typebox';
import * as E from 'fp-ts/lib/Either.js';
import { problemOfEngineError } from '../problems/problem.js';
import { parseOptionalAsOf } from '../queries/as-of.js';
import { softwareItemView } from '../queries/views.js';
import { AuditTrail, Me, RefundEligibility, SoftwareList, TicketList } from '../schemas/read-models.js';
import { AuditQuery, CustomerPath, EligibilityQuery, PurchasePath, SoftwareQuery, TicketQuery } from '../schemas/query-strings.js';
import { answered, refused, type ApiRoute, type RouteOutcome } from './route-spec.js';
import type { EngineError } from '@csp-onprem/engine';

const TAG = 'Read models';

function either<A>(result: E.Either<EngineError, A>, body: (value: A) => unknown): RouteOutcome {
  return E.isLeft(result) ? refused(problemOfEngineError(result.left), result.left) : answered(200, body(result.right));
}

/** GET /v1/customers/{tenantId}/software: the customer's Software page. */
export const softwareRoute: ApiRoute = {
  spec: {
    method: 'GET',
    url: '/v1/customers/:tenantId/software',
    operationId: 'softwareList',
    summary: "The customer's software list",
    description:
      'Every purchase made on the customer\'s behalf that the actor may see (a partner its own sales, the customer\'s GlobalAdmin all of its own, Support and auditors all), in purchase order, with status, keys by fingerprint, downloads, link copies and cancellations; now, or as of an instant or a global position.',
    tag: TAG,
    authenticated: true,
    params: CustomerPath,
    querystring: SoftwareQuery,
    responses: { 200: { description: 'The list.', schema: SoftwareList } },
    problems: ['Forbidden', 'ReadModelMismatch'],
  },
  handle: async (request, context) => {
    const { tenantId } = request.params as Static<typeof CustomerPath>;
    const query = request.query as Static<typeof SoftwareQuery>;
    const asOf = parseOptionalAsOf('asOf', query.asOf);
    if (E.isLeft(asOf)) return refused(asOf.left);
    const items = await context.session.softwareList(tenantId, asOf.right === undefined ? {} : { asOf: asOf.right });
    return either(items, (list) => ({ customerTenantId: tenantId.toLowerCase(), ...(query.asOf === undefined ? {} : { asOf: query.asOf }), items: list.map(softwareItemView) }));
  },
};

/** GET /v1/purchases/{subscriptionId}/refund-eligibility. */
export const eligibilityRoute: ApiRoute = {
  spec: {
    method: 'GET',
    url: '/v1/purchases/:subscriptionId/refund-eligibility',
    operationId: 'refundEligibility',
    summary: 'Whether the purchase could be cancelled for credit',
    description: 'Judged now, or as of an instant or a global position (replayed from the log). A purchase the actor may not see answers 404, as one that does not exist.',
    tag: TAG,
    authenticated: true,
    params: PurchasePath,
    querystring: EligibilityQuery,
    responses: { 200: { description: 'The eligibility.', schema: RefundEligibility } },
    problems: ['Forbidden', 'ReadModelMismatch', 'UnknownPurchase', 'AmbiguousPurchase'],
  },
  handle: async (request, context) => {
    const { subscriptionId } = request.params as Static<typeof PurchasePath>;
    const query = request.query as Static<typeof EligibilityQuery>;
    const at = parseOptionalAsOf('at', query.at);
    if (E.isLeft(at)) return refused(at.left);
    const result = await context.session.refundEligibility(subscriptionId, at.right, query.partnerId === undefined ? {} : { partnerId: query.partnerId });
    return either(result, (eligibility) => eligibility);
  },
};

/** GET /v1/audit-trail. */
export const auditTrailRoute: ApiRoute = {
  spec: {
    method: 'GET',
    url: '/v1/audit-trail',
    operationId: 'auditTrail',
    summary: 'Who did what, with which role, for which tenant, when',
    description: 'Every event in global order, as much of it as the actor may see; read from the log itself. Filter by customer and by instants or positions.',
    tag: TAG,
    authenticated: true,
    querystring: AuditQuery,
    responses: { 200: { description: 'The trail.', schema: AuditTrail } },
    problems: ['Forbidden'],
  },
  handle: async (request, context) => {
    const query = request.query as Static<typeof AuditQuery>;
    const from = parseOptionalAsOf('from', query.from);
    if (E.isLeft(from)) return refused(from.left);
    const to = parseOptionalAsOf('to', query.to);
    if (E.isLeft(to)) return refused(to.left);
    const trail = await context.session.auditTrail({
      ...(query.customerTenantId === undefined ? {} : { customerTenantId: query.customerTenantId }),
      ...(from.right === undefined ? {} : { from: from.right }),
      ...(to.right === undefined ? {} : { to: to.right }),
    });
    return either(trail, (entries) => ({ entries }));
  },
};

/** GET /v1/tickets: the support desk's queue. */
export const ticketsRoute: ApiRoute = {
  spec: {
    method: 'GET',
    url: '/v1/tickets',
    operationId: 'tickets',
    summary: 'Cancellation tickets, oldest request first',
    description: 'The support desk\'s queue is `?status=open`: every ticket field, to complete or reject it by its id. Support and auditors see every ticket, a partner the tickets of its sales, a customer\'s GlobalAdmin its own.',
    tag: 'Support desk',
    authenticated: true,
    querystring: TicketQuery,
    responses: { 200: { description: 'The tickets.', schema: TicketList } },
    problems: ['Forbidden', 'ReadModelMismatch'],
  },
  handle: async (request, context) => {
    const query = request.query as Static<typeof TicketQuery>;
    const tickets = await context.session.tickets({
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.customerTenantId === undefined ? {} : { customerTenantId: query.customerTenantId }),
    });
    return either(tickets, (list) => ({ tickets: list }));
  },
};

/** GET /v1/me: the actor the token stands for. */
export const meRoute: ApiRoute = {
  spec: {
    method: 'GET',
    url: '/v1/me',
    operationId: 'me',
    summary: 'Who the bearer token stands for',
    description: 'The actor built from the token (tenant, user, the roles honoured for that tenant): what every other route acts as.',
    tag: 'Identity',
    authenticated: true,
    responses: { 200: { description: 'The actor.', schema: Me } },
    problems: [],
  },
  handle: async (_request, context) => answered(200, { userId: context.actor.userId, tenantId: context.actor.tenantId, roles: context.actor.roles }),
};

/** Every read route. */
export const queryRoutes: readonly ApiRoute[] = [softwareRoute, eligibilityRoute, auditTrailRoute, ticketsRoute, meRoute];
