import { summarise, type InvalidPath } from '@csp-onprem/domain';
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { problem, type Problem } from './problem.js';

/** What part of a request a validation error is about, as Fastify names it. */
type Part = 'body' | 'querystring' | 'params' | 'headers' | string;

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function dotted(pointer: string): string {
  return pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function join(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('.');
}

/** One ajv error as the engine's `InvalidCommand` paths read: the field, what was expected, what was found. */
function invalidPath(error: FastifySchemaValidationError, data: unknown): InvalidPath {
  const at = dotted(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      return field === 'actor' && at === ''
        ? { path: 'actor', expected: "no actor: the actor is the bearer token's, never the body's", found: 'an actor in the body' }
        : { path: join(at, field), expected: 'no such field', found: summarise(valueAt(data, `${error.instancePath}/${field}`)) };
    }
    case 'required':
      return { path: join(at, String(params['missingProperty'])), expected: 'a value', found: 'missing' };
    case 'discriminator':
      return { path: join(at, String(params['tag'])), expected: 'a command type of the contract', found: summarise(valueAt(data, `${error.instancePath}/${String(params['tag'])}`)) };
    case 'anyOf':
      return { path: at, expected: 'orderId or subscriptionId', found: 'neither' };
    case 'pattern':
    case 'format':
      return { path: at, expected: 'a value of the form the API documents', found: summarise(valueAt(data, error.instancePath)) };
    default:
      return { path: at, expected: error.message ?? error.keyword, found: summarise(valueAt(data, error.instancePath)) };
  }
}

/**
 * The problem of a request that failed its route's schema: `InvalidCommand` with the failing
 * paths, like the engine's own decode errors (a query parameter is named as such).
 */
export function validationProblem(request: FastifyRequest, errors: readonly FastifySchemaValidationError[], part: Part | undefined): Problem {
  const data = part === 'querystring' ? request.query : part === 'params' ? request.params : part === 'headers' ? request.headers : request.body;
  // ajv lists the failures of each branch of an anyOf before the anyOf itself: the last says it all.
  const last = errors[errors.length - 1];
  const paths = last === undefined ? [] : [invalidPath(last, data)];
  const where = part === 'querystring' ? 'query' : part === 'params' ? 'path' : part === 'headers' ? 'headers' : 'body';
  const first = paths[0];
  return problem('InvalidCommand', first === undefined ? `the request's ${where} is invalid` : `the request's ${where} is invalid at ${first.path || 'its top'}: expected ${first.expected}, found ${first.found}`, paths);
}
