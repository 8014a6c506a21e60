/**
 * The demo shop's product views on the demo database, written the way ORMs write them by accident and on purpose:
 *   list     the N+1: one query for the page, then one per product for its supplier (1 + PAGE_SIZE queries)
 *   joined   its fixed twin: the same page and suppliers in one JOIN (Django's select_related)
 *   page(n)  the same list statement as `list` at a deep OFFSET: every skipped row is read and thrown away
 */
import type { DemoDatabase } from './database.js';

export const PAGE_SIZE = 10;
/** The deep page's number: OFFSET (DEEP_PAGE - 1) × PAGE_SIZE rows, near the end of the products table. */
export const DEEP_PAGE = 1900;

export interface Product {
  id: number;
  name: string;
  price: string;
  supplier: string;
}

const PAGE_SQL = 'SELECT id, name, supplier_id, price FROM products ORDER BY id LIMIT $1 OFFSET $2';
const SUPPLIER_SQL = 'SELECT name FROM suppliers WHERE id = $1';
const JOINED_SQL = `SELECT p.id, p.name, p.price, s.name AS supplier
FROM products p JOIN suppliers s ON s.id = p.supplier_id ORDER BY p.id LIMIT $1 OFFSET $2`;

interface PageRow {
  id: number;
  name: string;
  supplier_id: number;
  price: string;
}

const offsetOf = (page: number): number => (page - 1) * PAGE_SIZE;

export async function listWithNPlusOne(db: DemoDatabase, page = 1): Promise<Product[]> {
  const rows = await db.query<PageRow>(PAGE_SQL, [PAGE_SIZE, offsetOf(page)]);
  const products: Product[] = [];
  for (const row of rows) {
    const [supplier] = await db.query<{ name: string }>(SUPPLIER_SQL, [row.supplier_id]);
    products.push({ id: row.id, name: row.name, price: row.price, supplier: supplier?.name ?? '' });
  }
  return products;
}

export function listJoined(db: DemoDatabase, page = 1): Promise<Product[]> {
  return db.query<Product>(JOINED_SQL, [PAGE_SIZE, offsetOf(page)]);
}

/** One page of the list statement alone (ids and supplier ids): the deep-OFFSET view. */
export function listPage(db: DemoDatabase, page: number): Promise<PageRow[]> {
  return db.query<PageRow>(PAGE_SQL, [PAGE_SIZE, offsetOf(page)]);
}
