/**
 * The one escape used for every string that reaches HTML, in text and in (always double-quoted)
 * attributes alike: target URLs, header values, SQL text, endpoint names, messages.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Tagged template: interpolated values are escaped unless wrapped in `raw()` (markup this module built). */
export class RawHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export const raw = (html: string): RawHtml => new RawHtml(html);

type Interpolation = RawHtml | string | number | null | undefined | readonly (RawHtml | string)[];

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): RawHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new RawHtml(out);
}

function render(v: Interpolation): string {
  if (v instanceof RawHtml) return v.html;
  if (Array.isArray(v)) return v.map((x) => render(x as Interpolation)).join('');
  return escapeHtml(v);
}
