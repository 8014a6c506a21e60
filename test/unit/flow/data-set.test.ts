import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataCursor, dataSetPart, loadDataSet, type DataSet } from '../../../src/flow/data-set.js';

const dir = mkdtempSync(join(tmpdir(), 'data-set-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const set = (mode: DataSet['mode'], n: number): DataSet => ({
  name: 's',
  mode,
  columns: ['id'],
  rows: Array.from({ length: n }, (_, i) => [String(i)]),
  total: n,
});

describe('data sets', () => {
  it('load CSV with a header row (quotes, BOM) and JSON arrays of objects', () => {
    const csv = loadDataSet('users', {
      csv: file('u.csv', '\ufeffusername,password\r\nann,"a,b"\r\n\r\n'),
      mode: 'unique',
    });
    expect(csv).toMatchObject({ columns: ['username', 'password'], rows: [['ann', 'a,b']], total: 1 });
    const json = loadDataSet('p', { json: file('p.json', '[{"id":7},{"id":8,"tag":null}]'), mode: 'random' });
    expect(json).toMatchObject({
      columns: ['id', 'tag'],
      rows: [
        ['7', ''],
        ['8', ''],
      ],
    });
  });

  it('say what is wrong with a file, naming the field', () => {
    expect(() => loadDataSet('u', { csv: join(dir, 'missing.csv'), mode: 'unique' })).toThrow(
      /data\.u\.csv: cannot read .*ENOENT/,
    );
    expect(() => loadDataSet('u', { csv: file('r.csv', 'a,b\n1\n'), mode: 'unique' })).toThrow(
      /data\.u\.csv: not valid CSV/,
    );
    expect(() => loadDataSet('u', { csv: file('e.csv', 'a,b\n'), mode: 'unique' })).toThrow(/has no rows/);
    expect(() => loadDataSet('u', { json: file('o.json', '{"a":1}'), mode: 'unique' })).toThrow(/JSON array/);
  });

  it('unique: hands each row once, then runs out', () => {
    const cursor = new DataCursor(set('unique', 2), Math.random);
    expect([cursor.next(), cursor.next(), cursor.next()]).toEqual([['0'], ['1'], undefined]);
    expect(cursor.used).toBe(2);
  });

  it('circular and random never run out', () => {
    const circular = new DataCursor(set('circular', 2), Math.random);
    expect([0, 1, 2].map(() => circular.next()![0])).toEqual(['0', '1', '0']);
    const random = new DataCursor(set('random', 3), () => 0.99);
    expect(random.next()).toEqual(['2']);
  });

  it('unique parts are disjoint and cover every row, also as parts of parts (shards × workers)', () => {
    const whole = set('unique', 101);
    const seen = new Set<string>();
    let count = 0;
    for (let shard = 0; shard < 2; shard++) {
      const part = dataSetPart(whole, shard, 2);
      for (let worker = 0; worker < 3; worker++) {
        for (const [id] of dataSetPart(part, worker, 3).rows) {
          seen.add(id!);
          count += 1;
        }
      }
    }
    expect(count).toBe(101);
    expect(seen.size).toBe(101);
  });
});
