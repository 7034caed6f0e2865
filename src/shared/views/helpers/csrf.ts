/**
 * {{csrf}} — the hidden `_csrf` field every form carries. The token is made on first use, so
 * pages without forms never create a session for anonymous visitors.
 */
import Handlebars, { type HelperOptions } from 'handlebars';

export default function csrf(options: HelperOptions): Handlebars.SafeString {
  const root = (options.data as { root?: { csrfToken?: unknown } } | undefined)?.root;
  const token = typeof root?.csrfToken === 'function' ? String((root.csrfToken as () => string)()) : '';
  return new Handlebars.SafeString(`<input type="hidden" name="_csrf" value="${Handlebars.escapeExpression(token)}">`);
}
