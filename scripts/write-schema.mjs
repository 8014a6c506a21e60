// Build step: writes schema/scale-audit.schema.json, the config's JSON Schema generated from the zod schema
// (src/config/json-schema.ts). The repo keeps the file so editors can point at it; a test keeps it current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { configJsonSchemaText, SCHEMA_FILE } from '../dist/src/config/json-schema.js';

mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
writeFileSync(SCHEMA_FILE, configJsonSchemaText());
