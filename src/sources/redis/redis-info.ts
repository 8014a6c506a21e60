/** Parses the text of Redis INFO ("field:value" lines under "# Section" headers) into a flat map. */
export function parseRedisInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

/** A numeric INFO field; 0 when absent (older servers lack some counters). */
export function infoNumber(fields: Record<string, string>, name: string): number {
  const value = Number(fields[name]);
  return Number.isFinite(value) ? value : 0;
}
