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

/** yyyy-mm of a moment in Bangkok (Gregorian), for grouping by month. */
export function bangkokMonth(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: TIME_ZONE }).format(
    date,
  );
  return parts.slice(0, 7);
}

/** yyyy-mm-dd of a moment in Bangkok, the value of an `<input type="date">`. */
export function bangkokDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: TIME_ZONE,
  }).format(date);
}

/** Bangkok is UTC+7 all year (no daylight saving). */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The UTC moment a Bangkok calendar day (yyyy-mm-dd, Gregorian) starts; null for anything that is
 * not a real date. `endOfDay` gives the start of the next day, for "up to and including" filters.
 */
export function parseBangkokDay(value: string, options: { endOfDay?: boolean } = {}): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day + (options.endOfDay ? 1 : 0));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2200) return null;
  return new Date(utc - BANGKOK_OFFSET_MS);
}

/**
 * The UTC moment of a Bangkok wall-clock time from a form's datetime-local field
 * ("2026-12-31T16:30"); null for anything else. Deadlines are typed in Bangkok time.
 */
export function parseBangkokDateTime(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const day = parseBangkokDay(match[1] as string);
  const [hours, minutes] = [Number(match[2]), Number(match[3])];
  if (!day || hours > 23 || minutes > 59) return null;
  return new Date(day.getTime() + (hours * 60 + minutes) * 60_000);
}

/** The datetime-local value ("2026-12-31T16:30") of a moment, in Bangkok time. */
export function toBangkokDateTimeInput(date: Date): string {
  return new Date(date.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 16);
}

/** A month (`yyyy-mm`) for people: "พฤศจิกายน 2569" in Thai (Buddhist era), "November 2026" in English. */
export function formatMonth(month: string, locale: Locale = 'th'): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  if (!year || !mm) return month;
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(new Date(Date.UTC(year, mm - 1, 15)));
}
