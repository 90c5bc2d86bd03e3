import type { FastifyServerOptions } from 'fastify';

/** Where and how much the service logs. */
export interface ServerLogOptions {
  /** pino's level; default `info`. */
  readonly level?: string;
  /** Where the JSON lines go; default standard output. */
  readonly stream?: { write(line: string): void };
}

/** What is never logged, wherever it appears in a log record: credentials, keys and links. */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'productKey',
  '*.productKey',
  '*.*.productKey',
  'downloadLink',
  '*.downloadLink',
  'link',
  '*.link',
  'password',
  '*.password',
  'connectionString',
  '*.connectionString',
  'keyEncryptionKey',
  '*.keyEncryptionKey',
];

/** Fastify's logger settings: pino with the redactions above, or no log at all. */
export function loggerOptions(options: ServerLogOptions | false): FastifyServerOptions['logger'] {
  if (options === false) return false;
  return {
    level: options.level ?? 'info',
    redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
    ...(options.stream === undefined ? {} : { stream: options.stream }),
  };
}
