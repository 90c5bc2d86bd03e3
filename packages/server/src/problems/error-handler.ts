import type { FastifyError, FastifyInstance } from 'fastify';
import { problem } from './problem.js';
import { sendProblem } from './send-problem.js';
import { validationProblem } from './validation-problem.js';

const readProblems: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the body is not as long as its Content-Length says',
  FST_ERR_BAD_URL: 'the URL is not valid',
  FST_ERR_ASYNC_CONSTRAINT: 'the request could not be routed',
};

/** The path of a request, without its query, cut short: what a problem may repeat of it. */
function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
}

/**
 * Answers every failure as an RFC 9457 problem: a schema failure as `InvalidCommand` with its
 * paths, unreadable bodies, wrong media types and bodies over the limit by their codes, an
 * unknown route as `NotFound`, and anything unexpected as `InternalError`, logged and never
 * shown (no message, no stack).
 */
export function answerFailuresAsProblems(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation !== undefined) return sendProblem(reply, validationProblem(request, error.validation, error.validationContext));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, problem('UnsupportedMediaType', 'send the body as application/json'));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, problem('PayloadTooLarge', 'the body is over the size this service accepts'));
    const read = readProblems[error.code];
    // A body Fastify's JSON parser refused (secure-json-parse, on __proto__ or constructor) has a 400 and no code of its own.
    if (read !== undefined || (error instanceof SyntaxError && error.statusCode === 400)) return sendProblem(reply, problem('MalformedRequest', read ?? 'the body is not valid JSON'));
    request.log.error({ err: error }, 'request failed unexpectedly');
    return sendProblem(reply, problem('InternalError', 'The service failed unexpectedly; its log says why, under this request id.'));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem('NotFound', `no route ${request.method} ${pathOf(request.url)}`)));
}
