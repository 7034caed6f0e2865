/**
 * {{#if (includes list value)}} — whether a list holds a value (checked roles, say). A form
 * posted back with one box ticked gives a string, not a list: that counts as a list of one.
 */
export default function includes(list: unknown, value: unknown): boolean {
  if (typeof list === 'string') return list === value;
  return Array.isArray(list) && list.includes(value);
}
