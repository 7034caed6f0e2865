/** {{fixed score 2}} — a score with a fixed number of decimals; empty for none. */
export default function fixed(value: unknown, digits: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return value.toFixed(typeof digits === 'number' ? digits : 2);
}
