import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaText, SCHEMA_FILE } from '../../../src/config/json-schema.js';
import { configSchema } from '../../../src/config/schema.js';
import { formatPath } from '../../../src/config/config-path.js';
import { DJANGO_STARTER_CONFIG, STARTER_CONFIG } from '../../../src/config/starter.js';
import { PACKAGE_ROOT } from '../../../src/version.js';

const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(configJsonSchema());
const EXAMPLES = join(PACKAGE_ROOT, 'examples');

/** The scale-audit configs among the examples: a file of its own, or the one a Kubernetes ConfigMap holds. */
function exampleConfigs(): { name: string; config: unknown }[] {
  const files = (readdirSync(EXAMPLES, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f));
  const out: { name: string; config: unknown }[] = [];
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(join(EXAMPLES, file), 'utf8')).map((d) => d.toJSON() as unknown);
    const held = docs.flatMap((d) => {
      const data = (d as { kind?: string; data?: Record<string, string> }).data;
      return (d as { kind?: string }).kind === 'ConfigMap' && data?.['scale-audit.yml']
        ? [data['scale-audit.yml']]
        : [];
    });
    if (held.length) out.push(...held.map((text) => ({ name: `${file} (ConfigMap)`, config: parse(text) })));
    else if (!isOtherManifest(docs[0])) out.push({ name: file, config: docs[0] });
  }
  return out;
}

/** GitHub Actions workflows and Kubernetes objects are not scale-audit configs. */
const isOtherManifest = (doc: unknown): boolean =>
  typeof doc === 'object' && doc !== null && ('jobs' in doc || ('apiVersion' in doc && 'kind' in doc));

const ajvPath = (e: ErrorObject): string => {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (e.keyword === 'additionalProperties') parts.push((e.params as { additionalProperty: string }).additionalProperty);
  if (e.keyword === 'required') parts.push((e.params as { missingProperty: string }).missingProperty);
  return formatPath(parts);
};

describe('the JSON Schema', () => {
  it('is committed as npm run build generates it from the zod schema', () => {
    expect(readFileSync(join(PACKAGE_ROOT, SCHEMA_FILE), 'utf8')).toBe(configJsonSchemaText());
  });

  it('carries descriptions and defaults in config words', () => {
    const load = (configJsonSchema().properties as Record<string, { properties: Record<string, unknown> }>).load!;
    expect(load.properties.duration).toMatchObject({ default: '30s', description: expect.stringMatching(/measured/) });
    expect(load.properties.timeout).toMatchObject({ default: '10s' });
    expect(load.properties.pipelining).toMatchObject({ default: 1 });
    expect(load.properties.max_in_flight).not.toHaveProperty('default');
  });

  it('accepts the starter, the Django starter and every example config', () => {
    const configs = [
      { name: 'starter', config: parse(STARTER_CONFIG) },
      { name: 'init --django', config: parse(DJANGO_STARTER_CONFIG) },
      ...exampleConfigs(),
    ];
    expect(configs.map((c) => c.name)).toEqual(expect.arrayContaining(['django.yml', 'k8s/config.yaml (ConfigMap)']));
    for (const { name, config } of configs) {
      expect({ name, errors: validate(config) ? [] : validate.errors }).toEqual({ name, errors: [] });
      expect(configSchema.safeParse(config).success).toBe(true);
    }
  });

  const bad: [string, unknown, string][] = [
    ['postgres as a list', { sources: { postgres: ['postgres://a/b'] } }, 'sources.postgres'],
    ['a misplaced key', { sources: { postgres_replicas: ['postgres://a/b'] } }, 'sources.postgres_replicas'],
    ['a misspelt key', { load: { durration: '5s' } }, 'load.durration'],
    [
      'a celery URL as a mapping',
      { sources: { queues: { celery_redis: { url: 'redis://x' } } } },
      'sources.queues.celery_redis',
    ],
    ['a negative weight', { endpoints: [{ path: '/' }, { path: '/b', weight: -1 }] }, 'endpoints[1].weight'],
    ['a rate in words', { load: { rate: 'fast' } }, 'load.rate'],
    ['an endpoint without a path', { endpoints: [{ name: 'home' }] }, 'endpoints[0].path'],
    ['a flow without steps', { flows: [{ name: 'buy', steps: [] }] }, 'flows[0].steps'],
    ['an unknown format', { format: 'pdf' }, 'format'],
    ['a port out of range', { metrics: { port: 70_000 } }, 'metrics.port'],
    ['insecure in words', { insecure: 'yes' }, 'insecure'],
    ['an unknown method', { endpoints: [{ path: '/', method: 7 }] }, 'endpoints[0].method'],
  ];
  it.each(bad)('rejects %s in zod and the JSON Schema at the same path', (_, config, path) => {
    const zod = configSchema.safeParse(config);
    expect(zod.success).toBe(false);
    const zodPaths = zod.error!.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys.map((k) => formatPath([...i.path, k])) : [formatPath(i.path)],
    );
    expect(zodPaths).toContain(path);
    expect(validate(config)).toBe(false);
    expect(validate.errors!.map(ajvPath)).toContain(path);
  });
});
