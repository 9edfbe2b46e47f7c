import { isDeepStrictEqual } from 'node:util';

export type JsonSchema = Record<string, unknown>;

type Convert = (options: { readonly target: string }) => Record<string, unknown>;

/**
 * A schema that can say itself in JSON Schema: Standard JSON Schema (`~standard.jsonSchema`), which zod v4
 * implements. The same object validates (Standard Schema) and is documented, so the two cannot drift.
 */
export interface JsonSchemaSource {
  readonly '~standard': { readonly jsonSchema: { readonly input: Convert; readonly output: Convert } };
}

/** Which side of a schema: what a client may send (`input`, before defaults and coercion) or what it gets. */
export type SchemaSide = 'input' | 'output';

export function isJsonSchemaSource(value: unknown): value is JsonSchemaSource {
  const standard = (value as { '~standard'?: { jsonSchema?: unknown } } | null)?.['~standard'];
  return typeof standard?.jsonSchema === 'object' && standard.jsonSchema !== null;
}

const DEFS = '#/$defs/';
const COMPONENTS = '#/components/schemas/';

/**
 * The `components.schemas` of an OpenAPI document, filled as schemas are converted: every sub-schema with an
 * id (`.meta({ id: 'Case' })`) becomes one component, referenced wherever it is used.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of one side of `source`. */
  convert(source: JsonSchemaSource, side: SchemaSide): JsonSchema {
    const converted = source['~standard'].jsonSchema[side]({ target: 'draft-2020-12' });
    const {
      $schema: _dialect,
      $defs,
      ...schema
    } = converted as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const names = new Map<string, string>();
    for (const [id, definition] of Object.entries($defs ?? {})) {
      names.set(id, this.nameFor(id, side, definition, $defs ?? {}));
    }
    for (const [id, definition] of Object.entries($defs ?? {})) {
      this.schemas[names.get(id)!] = withComponentRefs(definition, names) as JsonSchema;
    }
    return withComponentRefs(schema, names) as JsonSchema;
  }

  /**
   * A component's name is its id; a schema whose input differs from its output (a default, a coercion) has its
   * input side apart, as `<id>Input`. Two different schemas with one id are a mistake, named at once.
   */
  private nameFor(
    id: string,
    side: SchemaSide,
    definition: JsonSchema,
    defs: Record<string, JsonSchema>,
  ): string {
    const candidates = side === 'output' ? [id] : [id, `${id}Input`];
    for (const name of candidates) {
      const existing = this.schemas[name];
      if (!existing) return name;
      const identity = new Map(Object.keys(defs).map((key) => [key, key]));
      const asComponent = withComponentRefs(definition, identity);
      if (isDeepStrictEqual(existing, asComponent)) return name;
    }
    throw new Error(`Two different schemas are named "${id}" (.meta({ id })): give each its own id`);
  }
}

function withComponentRefs(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withComponentRefs(item, names));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(DEFS)) {
        const id = item.slice(DEFS.length);
        return [key, COMPONENTS + (names.get(id) ?? id)];
      }
      return [key, withComponentRefs(item, names)];
    }),
  );
}
