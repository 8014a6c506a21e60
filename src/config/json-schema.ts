/**
 * The config's JSON Schema, for editors (yaml-language-server, JetBrains): generated from the one zod schema, so a
 * word added there is in the editor's completion with no second edit. Input words (what a file holds: "30s",
 * "1%"); the checks zod does in code (a DSN's scheme, one load model at a time) are not in it.
 */
import { z } from 'zod';
import { configSchema } from './schema.js';

export const SCHEMA_FILE = 'schema/scale-audit.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-07' });
  return {
    $schema: generated.$schema,
    title: 'scale-audit config',
    description: 'scale-audit.yml: the target, the traffic, the SLO and budgets, the sources to watch',
    ...generated,
  };
}

/** The file's text, as `npm run build` writes it and the repo keeps it. */
export const configJsonSchemaText = (): string => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
