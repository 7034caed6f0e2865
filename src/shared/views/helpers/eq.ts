/** {{#if (eq a b)}} — strict equality, for selected options and active tabs. */
export default function eq(a: unknown, b: unknown): boolean {
  return a === b;
}
