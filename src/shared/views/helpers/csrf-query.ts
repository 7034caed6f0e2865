/**
 * {{csrfQuery}} — `_csrf=<token>` for the action URL of a file-upload form, whose body is read
 * only after the CSRF check (see shared/http/csrf.ts).
 */
import type { HelperOptions } from 'handlebars';

export default function csrfQuery(options: HelperOptions): string {
  const root = (options.data as { root?: { csrfToken?: unknown } } | undefined)?.root;
  const token = typeof root?.csrfToken === 'function' ? String((root.csrfToken as () => string)()) : '';
  return `_csrf=${encodeURIComponent(token)}`;
}
