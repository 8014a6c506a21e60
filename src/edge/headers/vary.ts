/** Vary (RFC 9110 §12.5.5): which request headers select the stored response. */
import { splitList } from './header-values.js';

/** Field names, lowercase, without duplicates; `*` stays `*`. */
export function parseVary(raw: string): string[] {
  const out: string[] = [];
  for (const member of splitList(raw)) {
    const name = member.toLowerCase();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** `Vary: *` makes a response uncacheable; `Vary: Cookie` makes one copy per visitor: both defeat a shared cache. */
export function defeatsSharedCache(fields: readonly string[]): boolean {
  return fields.includes('*') || fields.includes('cookie');
}
