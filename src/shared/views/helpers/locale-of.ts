/** Not a helper: reads the request's language from a helper's render context. */
import type { HelperOptions } from 'handlebars';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/index.js';

export function localeOf(options: HelperOptions): Locale {
  const root = (options.data as { root?: { locale?: unknown } } | undefined)?.root;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}
