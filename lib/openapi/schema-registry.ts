import { z } from "zod";

export interface SchemaMeta {
  /** The name under components.schemas; schemas with an id are referenced with $ref. */
  id?: string;
  description?: string;
  examples?: unknown[];
}

/**
 * What the API document knows about zod schemas: names for the shared ones and descriptions for
 * fields. A registry of its own, not zod's global one, so registering a route's schema here never
 * changes that schema and module reloads (dev server, tests) cannot clash over ids.
 */
export const schemaRegistry = z.registry<SchemaMeta>();

/** Names a schema so the document lists it once under components.schemas and refers to it. */
export function named<S extends z.ZodType>(id: string, schema: S, meta: Omit<SchemaMeta, "id"> = {}): S {
  const taken = schemaRegistry._idmap.get(id);
  if (taken && taken !== schema) throw new Error(`Two different schemas are named '${id}' in the API document`);
  const current = schemaRegistry.get(schema);
  if (current?.id && current.id !== id) throw new Error(`Schema '${current.id}' is also being named '${id}'`);
  schemaRegistry.add(schema, { ...current, ...meta, id });
  return schema;
}

/**
 * Describes a field schema where it appears in the document. The zod schemas the routes use carry
 * no descriptions, so the words live here, attached to the same schema instances.
 */
export function describeField<S extends z.ZodType>(schema: S, description: string): S {
  const current = schemaRegistry.get(schema)?.description;
  // Schemas share field instances; two texts for one instance would silently keep the last.
  if (current !== undefined && current !== description) throw new Error(`This field is already described as "${current}"`);
  schemaRegistry.add(schema, { ...schemaRegistry.get(schema), description });
  return schema;
}

export function schemaName(schema: z.ZodType): string | undefined {
  return schemaRegistry.get(schema)?.id;
}
