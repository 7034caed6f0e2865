/** {{percent part whole}} — a whole-number percentage (0–100) for progress bars; 0 when whole is 0. */
export default function percent(part: unknown, whole: unknown): number {
  if (typeof part !== 'number' || typeof whole !== 'number' || whole <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((part * 100) / whole)));
}
