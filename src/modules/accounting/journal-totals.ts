/**
 * Every account's and fund's balance in memory, kept up to date instead of reloaded: summing the journal means
 * FerretDB fetching every entry into Go (seconds at 10,000 entries on a busy machine), so the
 * giving pages must not pay it every few seconds. This process adds each entry it writes to the
 * sums itself (exact: the entry is known once its insert succeeded). Entries written by other
 * app processes are noticed through one small marker document per process (each updated only by
 * its own process, so FerretDB's non-atomic updates cannot lose a change): a changed marker
 * means a reload. A full reload every few minutes bounds what a process that died between its
 * entry and its marker could hide. Money decisions never read this: they use fundTotalsNow().
 */
import { randomUUID } from 'node:crypto';
import { ChangeMarker } from '../../shared/db/change-marker.js';
import { registerClearable } from '../../shared/cache.js';
import { logger } from '../../shared/logger.js';
import { addToBalances, type Balances, type Posting } from './postings.rules.js';
import { fundTotalsFrom, fundsIn, type FundTotals } from './fund-view.js';

const log = logger.child({ module: 'journal-totals' });

/** How often other processes' markers are read (one small query), and how often all is summed again. */
const CHECK_EVERY_MS = 2_000;
const FULL_RELOAD_EVERY_MS = 10 * 60_000;
/** Own writes are announced to other processes at most this often (one marker write for a burst). */
const ANNOUNCE_AFTER_MS = 200;
/** Kept from the ledger's days: markers of older processes still count during an upgrade. */
const MARKER_PREFIX = 'ledger-writer:';

export class JournalTotals {
  private sums: Balances | undefined;
  private views: Map<string, FundTotals> | undefined;
  private loading: Promise<void> | undefined;
  private loadedAt = 0;
  private checkedAt = 0;
  private checking = false;
  private ownWritesDuringLoad = false;
  private generation = 0;
  /** Other processes' marker tokens as of the last load. */
  private seen = new Map<string, string>();
  private readonly marker = `${MARKER_PREFIX}${randomUUID()}`;
  private announceTimer: NodeJS.Timeout | undefined;
  /** Bumped whenever the sums change: caches built from the journal compare it. */
  version = 0;

  constructor(private readonly load: () => Promise<Balances>) {
    registerClearable(this);
  }

  async get(): Promise<Map<string, FundTotals>> {
    if (!this.sums) await (this.loading ??= this.reload());
    else this.maybeCheck();
    const sums = this.sums ?? new Map();
    this.views ??= new Map(fundsIn(sums).map((fundId) => [fundId, fundTotalsFrom(sums, fundId)]));
    return this.views;
  }

  /** The balance of every account (and fund), for the trial balance of everything to date. */
  async balances(): Promise<Balances> {
    if (!this.sums) await (this.loading ??= this.reload());
    else this.maybeCheck();
    return this.sums ?? new Map();
  }

  /** This process wrote an entry with `postings`: added to the sums, and announced to other processes shortly. */
  add(postings: readonly Posting[]): void {
    if (this.loading) this.ownWritesDuringLoad = true;
    if (this.sums) addToBalances(this.sums, postings);
    this.changed();
    this.announceTimer ??= setTimeout(() => {
      this.announceTimer = undefined;
      this.announce().catch((error: unknown) => log.warn({ err: error }, 'journal marker not written'));
    }, ANNOUNCE_AFTER_MS);
    this.announceTimer.unref();
  }

  /** Forget everything: the next read sums the journal again (tests, seeds, direct writes). */
  clear(): void {
    this.generation += 1;
    this.sums = undefined;
    this.loading = undefined;
    this.changed();
  }

  private changed(): void {
    this.views = undefined;
    this.version += 1;
  }

  private async announce(): Promise<void> {
    await ChangeMarker.updateOne(
      { _id: this.marker },
      { $set: { token: randomUUID(), at: new Date() } },
      { upsert: true },
    );
  }

  private async foreignTokens(): Promise<Map<string, string>> {
    const markers = await ChangeMarker.find({ _id: { $regex: `^${MARKER_PREFIX}` } }, { token: 1 }).lean();
    return new Map(markers.filter((m) => m._id !== this.marker).map((m) => [String(m._id), m.token]));
  }

  private maybeCheck(): void {
    const now = Date.now();
    if (this.checking || this.loading || now - this.checkedAt < CHECK_EVERY_MS) return;
    this.checking = true;
    this.check(now)
      .catch(() => undefined) // a failed check keeps the sums until the next one
      .finally(() => {
        this.checking = false;
      });
  }

  private async check(now: number): Promise<void> {
    const tokens = await this.foreignTokens();
    this.checkedAt = Date.now();
    const foreignWrite = [...tokens].some(([id, token]) => this.seen.get(id) !== token);
    if (foreignWrite || now - this.loadedAt >= FULL_RELOAD_EVERY_MS) await (this.loading ??= this.reload());
  }

  private async reload(): Promise<void> {
    const generation = this.generation;
    try {
      for (let attempt = 0; ; attempt += 1) {
        this.ownWritesDuringLoad = false;
        // Markers before the sums: a write landing during the load leaves a newer token, so the
        // next check loads again rather than keeping sums that may predate it.
        const tokens = await this.foreignTokens();
        const sums = await this.load();
        if (generation !== this.generation) return; // cleared meanwhile: a later load decides
        this.seen = tokens;
        this.sums = sums;
        this.loadedAt = Date.now();
        this.checkedAt = this.loadedAt;
        this.changed();
        // Own entries written during the load may or may not be in it: sum once more, unless
        // writes keep coming (then the next check or full reload settles it).
        if (!this.ownWritesDuringLoad || attempt >= 1) {
          if (this.ownWritesDuringLoad) this.loadedAt = 0;
          return;
        }
      }
    } finally {
      if (generation === this.generation) this.loading = undefined;
    }
  }
}

/**
 * Values built from the journal (a fund's recent gifts, its campaigns, the monthly chart), kept
 * until `version()` moves — this process's own entries, or another's noticed by JournalTotals —
 * instead of reloaded on a timer, with the same full reload every few minutes. Once stale, the
 * old value is served while one reload runs.
 */
export class JournalDerivedCache<V> {
  private readonly entries = new Map<string, { value: V; version: number; at: number }>();
  private readonly loading = new Map<string, Promise<V>>();
  private generation = 0;

  constructor(private readonly version: () => number) {
    registerClearable(this);
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.version === this.version() && Date.now() - hit.at < FULL_RELOAD_EVERY_MS) return hit.value;
    const running = this.loading.get(key);
    if (hit) {
      if (!running) this.start(key, load).catch(() => undefined); // a failed reload keeps the old value
      return hit.value;
    }
    return running ?? this.start(key, load);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.loading.clear();
  }

  private start(key: string, load: () => Promise<V>): Promise<V> {
    const generation = this.generation;
    // The version before the load: a change during it leaves the value marked older, so reloaded.
    const version = this.version();
    const promise = load().then(
      (value) => {
        if (generation === this.generation) this.entries.set(key, { value, version, at: Date.now() });
        return value;
      },
      (error: unknown) => {
        throw error;
      },
    );
    const settle = () => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    };
    promise.then(settle, settle);
    this.loading.set(key, promise);
    return promise;
  }
}
