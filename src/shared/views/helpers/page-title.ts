/**
 * {{pageTitle body pageTitle (t "site.name")}} — the layout's <title>: "<page> · <foundation>".
 * The page is named by an explicit `pageTitle` local, else by the body's first <h1>, so a new page is
 * titled without anyone remembering to (a phone's tab list and a screen reader both read this first).
 */
const FIRST_H1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
};

export function titleFromHtml(html: string): string {
  const match = FIRST_H1.exec(html);
  if (!match) return '';
  const text = (match[1] ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g, (entity) => ENTITIES[entity] ?? entity);
  return text.replace(/\s+/g, ' ').trim();
}

export function composeTitle(page: string, site: string): string {
  return page && page !== site ? `${page} · ${site}` : site;
}

export default function pageTitle(body: unknown, explicit: unknown, site: unknown): string {
  const page =
    typeof explicit === 'string' && explicit
      ? explicit
      : titleFromHtml(typeof body === 'string' ? body : String(body ?? ''));
  return composeTitle(page, String(site ?? ''));
}
