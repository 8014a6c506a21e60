import { describe, expect, it } from 'vitest';
import { parseServerTiming } from '../../../src/app/server-timing.js';

describe('parseServerTiming', () => {
  it('reads metrics, durations, descriptions and custom parameters', () => {
    expect(parseServerTiming('cache;desc="Cache Read";dur=23.2, db;dur=53, app;dur=47.2')).toEqual([
      { name: 'cache', params: { desc: 'Cache Read', dur: '23.2' } },
      { name: 'db', params: { dur: '53' } },
      { name: 'app', params: { dur: '47.2' } },
    ]);
    expect(parseServerTiming('sa-db;dur=8.02;n=21;dup=20')).toEqual([
      { name: 'sa-db', params: { dur: '8.02', n: '21', dup: '20' } },
    ]);
  });

  it('unescapes quoted strings and keeps commas and semicolons inside them', () => {
    const [m] = parseServerTiming('sa-dup;n=3;desc="SELECT \\"a\\", b; FROM t WHERE x = \'y\\\\\'"');
    expect(m).toEqual({ name: 'sa-dup', params: { n: '3', desc: 'SELECT "a", b; FROM t WHERE x = \'y\\\'' } });
  });

  it('skips malformed metrics and keeps the rest', () => {
    const parsed = parseServerTiming('ok;dur=1, ;dur=2, bad;=3, "quoted";dur=4, unterminated;desc="x, next;dur=5');
    expect(parsed.map((m) => m.name)).toEqual(['ok']);
    expect(parseServerTiming('a;dur=1,,  , b')).toEqual([
      { name: 'a', params: { dur: '1' } },
      { name: 'b', params: {} },
    ]);
  });

  it('takes the first of a repeated parameter, lowercases parameter names, and allows a bare one', () => {
    expect(parseServerTiming('m;DUR=1;dur=2;flag')).toEqual([{ name: 'm', params: { dur: '1', flag: '' } }]);
  });
});
