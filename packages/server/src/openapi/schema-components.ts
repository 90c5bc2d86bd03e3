import { nameOf } from '../schemas/named.js';

/** A JSON value of the OpenAPI document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a named schema is referred to from. */
export function componentRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * Turns schemas into plain JSON for the document, replacing each named schema (see `named`)
 * below the top by a `$ref` and collecting it under `components`. Symbols (TypeBox's own
 * markers) and `undefined` are left out. A discriminated `oneOf` gains the OpenAPI `mapping` from
 * each member's constant, which the validator itself does not take.
 */
export class SchemaComponents {
  readonly schemas = new Map<string, Json>();

  /** The JSON of a schema in a position where a named schema is referred to. */
  ref(schema: unknown): Json {
    return this.convert(schema, false);
  }

  private convert(node: unknown, top: boolean): Json {
    if (Array.isArray(node)) return node.map((item) => this.convert(item, false));
    if (node === null || typeof node !== 'object') return node === undefined ? null : (node as Json);
    const name = nameOf(node);
    if (name !== undefined && !top) {
      if (!this.schemas.has(name)) {
        this.schemas.set(name, null);
        this.schemas.set(name, this.convert(node, true));
      }
      return componentRef(name);
    }
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(node)) {
      if (value !== undefined) out[key] = this.convert(value, false);
    }
    const discriminator = (node as { discriminator?: { propertyName?: string }; oneOf?: unknown[] }).discriminator;
    const members = (node as { oneOf?: unknown[] }).oneOf;
    if (discriminator?.propertyName !== undefined && Array.isArray(members)) {
      const mapping: { [key: string]: Json } = {};
      for (const member of members) {
        const tag = (member as { properties?: Record<string, { const?: unknown }> }).properties?.[discriminator.propertyName]?.const;
        const memberName = nameOf(member);
        if (typeof tag === 'string' && memberName !== undefined) mapping[tag] = componentRef(memberName).$ref;
      }
      out['discriminator'] = { propertyName: discriminator.propertyName, mapping };
    }
    return out;
  }

  /** The collected components, by name in alphabetical order. */
  sorted(): { [key: string]: Json } {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
