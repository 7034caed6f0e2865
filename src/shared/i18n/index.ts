/**
 * Thai first, English complete: one message catalogue per language (locales/*.json), loaded
 * once. `translate` is what views, emails and error pages use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18n } from 'i18next';
import { formatSatang } from '../money.js';

export const LOCALES = ['th', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'th';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');

function loadCatalogue(locale: Locale): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(localesDir, `${locale}.json`), 'utf8')) as Record<string, unknown>;
}

const instance: I18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: loadCatalogue(l) }])),
  // Handlebars escapes what helpers return; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});
// Amounts inside messages ("at most {{maxSatang, money}}") are integer satang, shown as the money helper shows them.
instance.services.formatter?.add('money', (value: unknown, lng: string | undefined) =>
  typeof value === 'number' && Number.isSafeInteger(value)
    ? formatSatang(value, lng === 'en' ? 'en' : 'th')
    : String(value),
);

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  return instance.t(key, { ...params, lng: locale });
}

/** The foundation's own name (from config) replaces the catalogue's, in pages and emails alike. */
export function setSiteName(name: { th: string; en: string }): void {
  instance.addResource('th', 'translation', 'site.name', name.th);
  instance.addResource('en', 'translation', 'site.name', name.en);
}

/** True when the key exists in the catalogue (used by tests to prove both languages are complete). */
export function hasTranslation(locale: Locale, key: string): boolean {
  return instance.exists(key, { lng: locale, fallbackLng: false });
}

export function catalogue(locale: Locale): Record<string, unknown> {
  return loadCatalogue(locale);
}

/** Picks the text for a locale from a bilingual field `{ th, en }`, falling back to Thai. */
export function localized(value: { th?: string; en?: string } | undefined | null, locale: Locale): string {
  if (!value) return '';
  return (locale === 'en' ? value.en || value.th : value.th || value.en) ?? '';
}
