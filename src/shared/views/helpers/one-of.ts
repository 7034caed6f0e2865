/** {{#if (oneOf status "due,returned")}} — whether a value is one of a comma-separated list. */
export default function oneOf(value: unknown, list: unknown): boolean {
  return typeof list === 'string' && typeof value === 'string' && list.split(',').includes(value);
}
