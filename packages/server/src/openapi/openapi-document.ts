import type { TObject } from '@sinclair/typebox';
import { problemTypes, type ProblemCode } from '../problems/problem-types.js';
import { PROBLEM_MEDIA_TYPE } from '../problems/send-problem.js';
import type { RouteSpec } from '../routes/route-spec.js';
import { ProblemSchema } from '../schemas/problem-schema.js';
import { SchemaComponents, componentRef, type Json } from './schema-components.js';

/** The version the document gives the API. */
export const API_VERSION = '0.1.0';

/** Problems every route can answer, whatever it does. */
const EVERY_ROUTE: readonly ProblemCode[] = ['RequestTimeout', 'ShuttingDown', 'InternalError'];
/** Problems of every route that needs a token. */
const AUTHENTICATED: readonly ProblemCode[] = ['Unauthenticated', 'IdentityUnavailable', 'StoreUnavailable'];
/** Problems of every route with a path, a query or a body to validate. */
const VALIDATED: readonly ProblemCode[] = ['InvalidCommand'];
/** Problems of every route that reads a body. */
const WITH_BODY: readonly ProblemCode[] = ['MalformedRequest', 'UnsupportedMediaType', 'PayloadTooLarge'];

const tagDescriptions: Readonly<Record<string, string>> = {
  Commands: 'Any command of the JSON contract in one route.',
  Partner: "A partner's AdminAgent (and a customer's GlobalAdmin, for keys and downloads), one route per command.",
  'Support desk': 'The refund desk: the ticket queue, completing and rejecting by ticket id.',
  'Read models': 'The software list, refund eligibility and the audit trail, now or as of any instant or position.',
  Identity: 'Who a token stands for.',
  Operations: 'Health, readiness, metrics and this document; no token needed.',
};

function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

function parameters(components: SchemaComponents, schema: TObject | undefined, where: 'path' | 'query' | 'header'): Json[] {
  if (schema === undefined) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name: where === 'header' ? headerName(name) : name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: components.ref(property),
  }));
}

function problemResponses(spec: RouteSpec): { [status: string]: Json } {
  const codes = new Set<ProblemCode>([
    ...(spec.authenticated ? AUTHENTICATED : []),
    ...(spec.params || spec.querystring || spec.body ? VALIDATED : []),
    ...(spec.body ? WITH_BODY : []),
    ...spec.problems,
    ...EVERY_ROUTE,
  ]);
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(problemTypes[code].status, [...(byStatus.get(problemTypes[code].status) ?? []), code]);
  const responses: { [status: string]: Json } = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\`: ${problemTypes[code].title}`).join('. '),
      ...(status === 401 ? { headers: { 'WWW-Authenticate': { description: 'Bearer realm="csp-onprem", with error="invalid_token" when a token was refused (RFC 6750).', schema: { type: 'string' } } } } : {}),
      ...(status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'string' } } } } : {}),
      content: { [PROBLEM_MEDIA_TYPE]: { schema: componentRef('Problem') } },
    };
  }
  return responses;
}

function operation(components: SchemaComponents, spec: RouteSpec): Json {
  const success: { [status: string]: Json } = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    success[status] = { description: response.description, content: { [response.mediaType ?? 'application/json']: { schema: components.ref(response.schema) } } };
  }
  const params = [...parameters(components, spec.params, 'path'), ...parameters(components, spec.querystring, 'query'), ...parameters(components, spec.headers, 'header')];
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    tags: [spec.tag],
    security: spec.authenticated ? [{ bearer: [] }] : [],
    ...(params.length === 0 ? {} : { parameters: params }),
    ...(spec.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: components.ref(spec.body) } } } }),
    responses: { ...success, ...problemResponses(spec) },
  };
}

/**
 * The OpenAPI 3.1 document of the service, generated from the same route descriptions and
 * schemas Fastify validates and serialises with.
 */
export function openApiDocument(routes: readonly RouteSpec[]): { [key: string]: Json } {
  const components = new SchemaComponents();
  components.ref(ProblemSchema);
  const paths: { [path: string]: { [method: string]: Json } } = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: operation(components, spec) };
  }
  const tags = [...new Set(routes.map((spec) => spec.tag))].map((name) => ({ name, ...(tagDescriptions[name] === undefined ? {} : { description: tagDescriptions[name] }) }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'csp-onprem',
      version: API_VERSION,
      summary: 'The CSP on-premises software lifecycle as an HTTP service.',
      description:
        'Buy Microsoft on-premises software on behalf of a customer, get product keys, download, copy download links, request and decide cancellations, and read the software list, refund eligibility and audit trail, over a tamper-evident event log. ' +
        'Every /v1 route needs `Authorization: Bearer <JWT>`; the actor is built from the token alone. Errors are RFC 9457 problems carrying a stable `code`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token of the configured issuer and audience, signed with an asymmetric key.' } },
      schemas: components.sorted(),
    },
  };
}
