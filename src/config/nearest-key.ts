/**
 * For an unknown key, the nearest known one anywhere in the config (`postgres_replicas` → `sources.postgres.replicas`,
 * `durration` → `load.duration`), by edit distance over the key and the key with its parent's name.
 */
import { distance } from 'fastest-levenshtein';
import type { SchemaNode } from './config-shape.js';

interface KnownKey {
  /** The path as a config writes it, lists as `[]` and names as `<name>`: `flows[].steps[].think`. */
  shown: string;
  segments: string[];
}

export function knownKeys(root: SchemaNode): KnownKey[] {
  const out: KnownKey[] = [];
  const walk = (node: SchemaNode, segments: string[], shown: string): void => {
    for (const branch of [node, ...(node.anyOf ?? [])]) {
      for (const [key, child] of Object.entries(branch.properties ?? {})) {
        const path = shown ? `${shown}.${key}` : key;
        out.push({ shown: path, segments: [...segments, key] });
        walk(child, [...segments, key], path);
      }
      if (branch.items) walk(branch.items, segments, `${shown}[]`);
      if (typeof branch.additionalProperties === 'object')
        walk(branch.additionalProperties, segments, `${shown}.<name>`);
    }
  };
  walk(root, [], '');
  return out;
}

const normal = (key: string): string => key.toLowerCase().replace(/[-.\s]/g, '_');

/** The nearest known key's path, or undefined when none is near enough to be what was meant. */
export function nearestKey(known: readonly KnownKey[], parent: readonly string[], key: string): string | undefined {
  const wanted = normal(key);
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: { shown: string; score: number[] } | undefined;
  for (const k of known) {
    const names = [k.segments.at(-1)!, k.segments.slice(-2).join('_')];
    const d = Math.min(...names.map((n) => distance(wanted, normal(n))));
    if (d > limit) continue;
    const score = [d, -sharedPrefix(parent, k.segments.slice(0, -1)), k.segments.length];
    if (!best || lexicallyLess(score, best.score)) best = { shown: k.shown, score };
  }
  return best?.shown;
}

function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function lexicallyLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
