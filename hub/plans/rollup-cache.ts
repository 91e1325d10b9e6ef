/**
 * The city roll-up, cached per (plan, version) in this hub process (issue 16: 100 readers recomputed it per
 * request, ~0.5 s each on a 40,000-task plan, and held the pool meanwhile).
 *
 * Why this is never stale: a version of a plan never changes once committed — hub_rows is temporal
 * (migration 003), a push closes rows at the NEW version and adds the new lines from it, so the rows of
 * version N (from_version <= N < to_version) are the same forever. The key holds the version, and the
 * roll-up route reads the plan's current version from hub_plans in the same request (one primary-key
 * lookup), so a reader after a push's COMMIT asks for the new key and computes it. The value is still
 * computed by the one SQL query (read.ts rollup, numeric sums) — the cache only keeps its answer.
 *
 * `committed(planId, version)` — called after a push's transaction committed a new version — drops the
 * plan's older entries (they may still be asked for with ?version=, and are then computed again) and
 * any in-flight computation of them. Concurrent misses of one key share one query (single flight), so a
 * hundred readers arriving after a push run it once. A failed computation (the database gone) is not kept.
 * Bounded: at most `maxEntries` roll-ups (least recently used dropped first).
 */
import type { HubRollupRow } from '../../contract/hub.ts';

const key = (planId: string, version: number) => `${version}\u0000${planId}`;

export class RollupCache {
  private readonly entries = new Map<string, { planId: string; version: number; rows: Promise<HubRollupRow[]> }>();
  /** computations run (misses), and answers served from the cache (hits) — for tests and the bench */
  readonly stats = { misses: 0, hits: 0 };
  constructor(private readonly maxEntries = 64) {}

  get(planId: string, version: number, compute: () => Promise<HubRollupRow[]>): Promise<HubRollupRow[]> {
    const k = key(planId, version);
    const found = this.entries.get(k);
    if (found) {
      this.stats.hits++;
      // most recently used last
      this.entries.delete(k);
      this.entries.set(k, found);
      return found.rows;
    }
    this.stats.misses++;
    const rows = compute();
    const entry = { planId, version, rows };
    this.entries.set(k, entry);
    rows.catch(() => {
      if (this.entries.get(k) === entry) this.entries.delete(k);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return rows;
  }

  /** a push committed `version` of the plan: its older roll-ups are no longer the current one */
  committed(planId: string, version: number): void {
    for (const [k, e] of this.entries) if (e.planId === planId && e.version < version) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }

  /** the versions of a plan held (for tests) */
  versions(planId: string): number[] {
    return [...this.entries.values()].filter((e) => e.planId === planId).map((e) => e.version).sort((a, b) => a - b);
  }
}
