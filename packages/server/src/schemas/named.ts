import type { TSchema } from '@sinclair/typebox';

const registry = new Map<string, TSchema>();

/**
 * Marks a schema as a named component of the OpenAPI document: its `title` is its name, and the
 * generator puts it under `components.schemas` and refers to it there. Fastify validates and
 * serialises with the same object, inline.
 */
export function named<T extends TSchema>(name: string, schema: T): T {
  if (registry.has(name) && registry.get(name) !== schema) throw new Error(`two schemas are named ${name}`);
  schema.title = name;
  registry.set(name, schema);
  return schema;
}

/**
 * The name a schema was given with {@link named}, if any: by its title, so that the copies
 * TypeBox makes (an optional property) are recognised too.
 */
export function nameOf(schema: unknown): string | undefined {
  const title = (schema as { title?: unknown } | null)?.title;
  return typeof title === 'string' && registry.has(title) ? title : undefined;
}
