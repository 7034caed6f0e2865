/**
 * The transparency page's chart of gifts per month, drawn as SVG on the server: no script, no
 * CDN, readable on any phone. Pure: months and amounts in, markup out (escaped by construction,
 * since labels are generated here from numbers).
 */
import { formatSatang, type Locale } from '../../shared/money.js';

export interface MonthTotal {
  /** yyyy-mm in Asia/Bangkok. */
  month: string;
  amountSatang: number;
}

const TH_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthLabel(month: string, locale: Locale): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return locale === 'th'
    ? `${TH_MONTHS[mm - 1]} ${String(year + 543).slice(2)}`
    : `${EN_MONTHS[mm - 1]} ${String(year).slice(2)}`;
}

/** The last `count` months ending with `lastMonth` (yyyy-mm), oldest first. */
export function monthRange(lastMonth: string, count: number): string[] {
  const [year, mm] = lastMonth.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const index = year * 12 + (mm - 1) - i;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function renderMonthlyChart(data: readonly MonthTotal[], locale: Locale, title: string): string {
  const width = 640;
  const height = 240;
  const left = 8;
  const bottom = 36;
  const top = 24;
  const slot = (width - left * 2) / Math.max(1, data.length);
  const max = Math.max(1, ...data.map((d) => d.amountSatang));
  const bars = data
    .map((d, i) => {
      const h = Math.round(((height - bottom - top) * Math.max(0, d.amountSatang)) / max);
      const x = Math.round(left + i * slot + slot * 0.15);
      const w = Math.max(1, Math.round(slot * 0.7));
      const y = height - bottom - h;
      const label = monthLabel(d.month, locale);
      const amount = formatSatang(d.amountSatang, locale);
      return (
        `<g><title>${label}: ${amount}</title>` +
        `<rect class="bar" x="${x}" y="${y}" width="${w}" height="${h}"></rect>` +
        `<text class="axis" x="${x + w / 2}" y="${height - bottom + 16}" text-anchor="middle">${label}</text></g>`
      );
    })
    .join('');
  const peak = formatSatang(max === 1 ? 0 : max, locale);
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ` +
    'xmlns="http://www.w3.org/2000/svg">' +
    `<text class="axis" x="${left}" y="14">${peak}</text>` +
    `<line class="baseline" x1="${left}" y1="${height - bottom}" x2="${width - left}" y2="${height - bottom}"></line>` +
    bars +
    `</svg>`
  );
}
