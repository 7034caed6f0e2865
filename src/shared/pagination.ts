/** Page arithmetic shared by every list: page numbers from 1, a bounded page size. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  pages: number;
  prevPage: number | null;
  nextPage: number | null;
}

export const MAX_PER_PAGE = 100;

export function pageWindow(page: number, perPage: number): { skip: number; limit: number } {
  const safePer = Math.min(Math.max(1, Math.floor(perPage)), MAX_PER_PAGE);
  const safePage = Math.max(1, Math.floor(page));
  return { skip: (safePage - 1) * safePer, limit: safePer };
}

export function buildPage<T>(items: T[], total: number, page: number, perPage: number): Page<T> {
  const { limit } = pageWindow(page, perPage);
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.max(1, Math.floor(page));
  return {
    items,
    page: current,
    perPage: limit,
    total,
    pages,
    prevPage: current > 1 ? current - 1 : null,
    nextPage: current < pages ? current + 1 : null,
  };
}

/** Escapes text typed by a person for use inside a RegExp (search boxes). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
