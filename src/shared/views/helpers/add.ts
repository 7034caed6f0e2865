/** {{add index 1}} — numbers shown to people count from 1. */
export default function add(a: unknown, b: unknown): number {
  return Number(a) + Number(b);
}
