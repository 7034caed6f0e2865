/** {{#if (includes list value)}} — whether an array holds a value (checked roles, say). */
export default function includes(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.includes(value);
}
