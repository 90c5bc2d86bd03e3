import type { Actor } from '@csp-onprem/domain';
import type { EngineError, EngineSession } from '@csp-onprem/engine';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Problem } from '../problems/problem.js';
import type { ProblemCode } from '../problems/problem-types.js';

/** A success answer a route documents: its description, schema and media type (JSON unless said). */
export interface SuccessResponse {
  readonly description: string;
  readonly schema: TSchema;
  readonly mediaType?: string;
}

/**
 * One route of the service, described once: Fastify validates and serialises with these
 * schemas, and the OpenAPI document is generated from the same objects.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  /** Fastify's syntax: `/v1/purchases/:subscriptionId/keys`. */
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** Whether the route needs a verified bearer token (every /v1 route does). */
  readonly authenticated: boolean;
  readonly params?: TObject;
  readonly querystring?: TObject;
  readonly headers?: TObject;
  readonly body?: TSchema;
  readonly responses: Readonly<Record<number, SuccessResponse>>;
  /** The problem codes the route can answer; their statuses come from the one mapping. */
  readonly problems: readonly ProblemCode[];
}

/** What a route's handler gets besides the request: the actor the token stands for, and the engine acting as it. */
export interface RouteContext {
  readonly actor: Actor;
  readonly session: EngineSession;
}

/** What a handler answers: a success with its status and body, or a problem (with the engine error behind it, for the log). */
export type RouteOutcome =
  | { readonly kind: 'answer'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'problem'; readonly problem: Problem; readonly cause?: EngineError };

/** Handles one authenticated request. */
export type RouteHandler = (request: FastifyRequest, context: RouteContext) => Promise<RouteOutcome>;

/** An API route: its description and its handler. */
export interface ApiRoute {
  readonly spec: RouteSpec;
  readonly handle: RouteHandler;
}

/** A success answer. */
export function answered(status: number, body: unknown): RouteOutcome {
  return { kind: 'answer', status, body };
}

/** A problem answer. */
export function refused(problem: Problem, cause?: EngineError): RouteOutcome {
  return cause === undefined ? { kind: 'problem', problem } : { kind: 'problem', problem, cause };
}
