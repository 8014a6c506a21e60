import { describe, expect, it } from 'vitest';
import { schemaLine } from '../../../src/config/schema-line.js';

describe('the schema line init writes', () => {
  it('names the shipped schema relative to the config file', () => {
    expect(schemaLine('/repo', '/repo/node_modules/scale-audit')).toBe(
      '# yaml-language-server: $schema=./node_modules/scale-audit/schema/scale-audit.schema.json\n',
    );
    expect(schemaLine('/repo/loadtest', '/repo/node_modules/scale-audit')).toBe(
      '# yaml-language-server: $schema=../node_modules/scale-audit/schema/scale-audit.schema.json\n',
    );
  });

  it('names the project install when npx ran a copy that will not last', () => {
    expect(schemaLine('/repo', '/root/.npm/_npx/1a2b/node_modules/scale-audit')).toBe(
      '# yaml-language-server: $schema=./node_modules/scale-audit/schema/scale-audit.schema.json\n',
    );
  });
});
