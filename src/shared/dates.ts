/**
 * Dates for people: Thai in the Buddhist era, English in the Gregorian, both shown in
 * Asia/Bangkok whatever the server's zone. Stored times are always UTC Date objects.
 */
import type { Locale } from './money.js';

export const TIME_ZONE = 'Asia/Bangkok';
/** The Buddhist era runs 543 years ahead of the Common Era. */
export const BUDDHIST_ERA_OFFSET = 543;

export type DateStyle = 'date' | 'dateTime' | 'short';

const formats: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  short: { day: 'numeric', month: 'short', year: 'numeric' },
};

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let found = formatterCache.get(key);
  if (!found) {
    // 'th-TH' uses the Buddhist calendar by default; we name it so no ICU default can change it.
    const tag = locale === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB-u-ca-gregory';
    found = new Intl.DateTimeFormat(tag, { ...formats[style], timeZone: TIME_ZONE });
    formatterCache.set(key, found);
  }
  return found;
}

export function formatDate(date: Date, locale: Locale = 'th', style: DateStyle = 'date'): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return '';
  return formatter(locale, style).format(date);
}

/** The Buddhist-era year of a moment in Bangkok (used to number receipts per year). */
export function buddhistYear(date: Date): number {
  const year = Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: TIME_ZONE }).format(date));
  return year + BUDDHIST_ERA_OFFSET;
}
