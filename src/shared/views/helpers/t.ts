/**
 * {{t "key" name=value}} — the message for the page's language, placeholders from the hash.
 * {{t key params=object}} — placeholders from an object (a flash message's params), hash names win.
 * The language comes from the render context (`locale`, set per request).
 */
import type { HelperOptions } from 'handlebars';
import { translate } from '../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function t(key: unknown, options: HelperOptions): string {
  if (typeof key !== 'string') return '';
  const { params, ...hash } = (options.hash ?? {}) as Record<string, unknown>;
  const given = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  return translate(localeOf(options), key, { ...given, ...hash });
}
