/**
 * Small in-memory caches for values that many requests read and that cost more than one indexed
 * query to build: totals summed over a collection, or what every page shows (the footer). A single
 * indexed equality read (a few milliseconds on PostgreSQL or MongoDB) needs no cache. Each entry
 * lives `ttlMs`; while one load runs, callers share it (no stampede); once an entry is older than
 * its TTL, callers get it while one reload runs in the background (no request waits on a slow
 * reload). `clear()` drops everything so this process's own writes show at once; the TTL plus one
 * reload bounds how long another process's write can go unseen. Whole collections that change
 * rarely are kept by change markers instead (db/change-marker.ts).
 */
const allCaches = new Set<{ clear(): void }>();

/** Other per-process memory of database state (receipt numbers) registers to be dropped too. */
export function registerClearable(clearable: { clear(): void }): void {
  allCaches.add(clearable);
}

/** Drops every cache: after seeding, and between test files that each use a fresh database. */
export function clearAllCaches(): void {
  for (const cache of allCaches) cache.clear();
}

export class LoadingCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private readonly loading = new Map<string, Promise<V>>();
  private generation = 0;

  constructor(private readonly ttlMs: number) {
    allCaches.add(this);
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const running = this.loading.get(key);
    if (hit) {
      // Stale: refresh once in the background; a failed refresh keeps the old value until the next try.
      if (!running) this.start(key, load).catch(() => undefined);
      return hit.value;
    }
    if (running) return running;
    return this.start(key, load);
  }

  private start(key: string, load: () => Promise<V>): Promise<V> {
    const generation = this.generation;
    const done = () => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    };
    const promise: Promise<V> = load().then(
      (value) => {
        // A clear() during the load means the value may predate a write: do not keep it.
        if (generation === this.generation) this.entries.set(key, { at: Date.now(), value });
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.loading.clear();
  }
}
