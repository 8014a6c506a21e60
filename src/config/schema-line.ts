/**
 * The first line `init` writes: yaml-language-server (VS Code's YAML extension, JetBrains) reads the JSON Schema it
 * names, relative to the config file. It names the schema of the scale-audit that wrote it; a copy npx unpacked
 * for one command does not last, so then the path a project install (`npm install -D scale-audit`) will have.
 */
import { join, relative, sep } from 'node:path';
import { SCHEMA_FILE } from './json-schema.js';

const PROJECT_INSTALL = `./node_modules/scale-audit/${SCHEMA_FILE}`;

export function schemaLine(configDir: string, packageRoot: string): string {
  return `# yaml-language-server: $schema=${schemaPath(configDir, packageRoot)}\n`;
}

function schemaPath(configDir: string, packageRoot: string): string {
  if (packageRoot.split(sep).includes('_npx')) return PROJECT_INSTALL;
  const path = relative(configDir, join(packageRoot, SCHEMA_FILE)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
