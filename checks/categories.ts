/** The checklist's categories, in report order, with their weight in the overall score. */
export const CATEGORIES = [
  { id: 'slo', title: 'SLO', weight: 3 },
  { id: 'web', title: 'Web tier', weight: 2 },
  { id: 'async', title: 'Async', weight: 1 },
  { id: 'database', title: 'Database', weight: 3 },
  { id: 'caching', title: 'Caching', weight: 2 },
  { id: 'edge', title: 'Edge/CDN', weight: 2 },
  { id: 'observability', title: 'Observability', weight: 1 },
  { id: 'resilience', title: 'Resilience', weight: 2 },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];

export function categoryTitle(id: string): string {
  return CATEGORIES.find((c) => c.id === id)?.title ?? id;
}
