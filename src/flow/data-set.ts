/**
 * Test data for flows: a CSV file (header row) or a JSON array of objects, each iteration taking one row.
 * `unique` hands every iteration a different row and runs out; `circular` goes round; `random` draws. With workers
 * and shards each part gets a disjoint slice of a unique set (planPart), so rows stay unique across all of them.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { ConfigError } from '../errors.js';
import type { DataSetConfig } from '../config/schema.js';

export type DataMode = 'unique' | 'circular' | 'random';

/** A loaded data set: plain data, so plans carry it to worker threads. */
export interface DataSet {
  name: string;
  mode: DataMode;
  columns: string[];
  rows: string[][];
  /** Rows of the whole set, before any slicing across workers and shards. */
  total: number;
}

export function loadDataSet(name: string, config: DataSetConfig): DataSet {
  const where = `data.${name}.${'csv' in config ? 'csv' : 'json'}`;
  const file = 'csv' in config ? config.csv : config.json;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${where}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const { columns, rows } = 'csv' in config ? fromCsv(text, where) : fromJson(text, where);
  if (rows.length === 0) throw new ConfigError(`${where}: ${file} has no rows`);
  return { name, mode: config.mode, columns, rows, total: rows.length };
}

/** The part of a data set that one of `parts` workers or shards uses (`part` 0-based). */
export function dataSetPart(set: DataSet, part: number, parts: number): DataSet {
  if (parts === 1) return set;
  const n = set.rows.length;
  const start = Math.floor((n * part) / parts);
  const end = Math.floor((n * (part + 1)) / parts);
  if (set.mode === 'unique') return { ...set, rows: set.rows.slice(start, end) };
  // circular: every part goes round all rows, each from its own starting point, so parts do not move in step.
  if (set.mode === 'circular') return { ...set, rows: [...set.rows.slice(start), ...set.rows.slice(0, start)] };
  return set;
}

/** One part's way through its rows. */
export class DataCursor {
  private index = 0;

  constructor(
    private readonly set: DataSet,
    private readonly random: () => number,
  ) {}

  /** The next row, or undefined once a unique set has run out. */
  next(): readonly string[] | undefined {
    const { rows, mode } = this.set;
    if (mode === 'random') return rows[Math.floor(this.random() * rows.length)];
    if (mode === 'circular') return rows[this.index++ % rows.length];
    return this.index < rows.length ? rows[this.index++] : undefined;
  }

  get used(): number {
    return this.set.mode === 'unique' ? this.index : 0;
  }
}

function fromCsv(text: string, where: string): { columns: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new ConfigError(`${where}: not valid CSV: ${(err as Error).message}`);
  }
  const [header = [], ...rows] = records;
  const columns = header.map((c) => c.trim());
  checkColumns(columns, where);
  return { columns, rows };
}

function fromJson(text: string, where: string): { columns: string[]; rows: string[][] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ConfigError(`${where}: expected a JSON array of objects`);
  const columns: string[] = [];
  const seen = new Set<string>();
  data.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new ConfigError(`${where}: item [${i}] is not an object`);
    for (const key of Object.keys(item)) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(key);
    }
  });
  checkColumns(columns, where);
  const rows = (data as Record<string, unknown>[]).map((item) => columns.map((c) => cell(item[c])));
  return { columns, rows };
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function checkColumns(columns: readonly string[], where: string): void {
  if (columns.length === 0) throw new ConfigError(`${where}: no columns (a CSV needs a header row)`);
  const bad = columns.find((c) => !/^[A-Za-z_][\w-]*$/.test(c));
  if (bad !== undefined)
    throw new ConfigError(`${where}: column ${JSON.stringify(bad)} is not a name usable as {{set.column}}`);
}
