/** {{t (concat "roles." role)}} — joins its arguments into one string (message keys built from data). */
export default function concat(...args: unknown[]): string {
  return args.slice(0, -1).map(String).join('');
}
