/**
 * Test builders: real plan files in temp folders. `seededStore()` is a plan file made from the real
 * seeds; `builtStore(b => …)` makes a small plan file from builder calls (Excalidraw-style), so a
 * test states only what it needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import type { SeedBundle } from '../../db/seed/load.ts';
import type { SeedCommon, SeedPlan } from '../../db/seed/format.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

export function tempDir(prefix = 'plandesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempFile(name = 'plans.plandesk'): string {
  return path.join(tempDir(), name);
}

function track(store: PlanStore): PlanStore {
  cleanups.unshift(() => {
    try {
      store.close();
    } catch {
      /* already closed */
    }
  });
  return store;
}

/** How many plans the seeds hold (seeds/plans/*.json): tests count from it, as the seeds grow. */
export const SEEDED_PLANS = fs.readdirSync(path.join(import.meta.dirname, '../../seeds/plans')).filter((f) => f.endsWith('.json')).length;

/** A plan file created from the real seed data (the Chongqing gazette plans). */
export function seededStore(file = tempFile(), now?: () => string): PlanStore {
  return track(openStore(file, { create: 'seed', ...(now ? { now } : {}) }));
}

/**
 * The seeded file without one seeded plan and the departments only it names — the drafting tests' case
 * of a notice whose 文号 is not in the file, naming a department the file lacks (渝府办发〔2023〕57号 and
 * 万盛经开区管委会 were curated into the seeds after those tests were written).
 */
export function seededWithout(planId: string, departmentNames: string[] = [], file = tempFile()): PlanStore {
  const s = seededStore(file);
  ok(s, 'plans.delete', { planId });
  const departments = ok<{ id: string; name: string }[]>(s, 'departments.list', {});
  const kept = ok<{ id: string }[]>(s, 'plans.list', {})[0]?.id;
  for (const name of departmentNames) {
    const d = departments.find((x) => x.name === name);
    if (!d || !kept) throw new Error(`seededWithout: no department ${name}`);
    ok(s, 'departments.delete', { planId: kept, departmentId: d.id });
  }
  return s;
}

export function reopen(file: string): PlanStore {
  return track(openStore(file));
}

type PlanInput = Partial<SeedPlan['plan']> & { id: string };

export class SeedBuilder {
  common: SeedCommon = { districts: [], departments: [] };
  plans: SeedPlan[] = [];

  district(name: string, extra: Partial<SeedCommon['districts'][number]> = {}): string {
    const id = extra.id ?? `d-${this.common.districts.length + 1}`;
    this.common.districts.push({ id, name, code: null, group: null, ...extra });
    return id;
  }

  department(name: string, aliases: string[] = []): string {
    const id = `u-${this.common.departments.length + 1}`;
    this.common.departments.push({ id, name, aliases });
    return id;
  }

  plan(p: PlanInput): SeedPlan {
    const plan: SeedPlan = {
      plan: {
        title: `规划 ${p.id}`, docNumber: `测试〔2023〕${this.plans.length + 1}号`, issuer: '测试机关', issueDate: '2023-01-01',
        periodStart: 2023, periodEnd: 2027, source: 'test', maxPriorityIndustries: null, ...p,
      },
      districts: [], clusters: [], indicators: [], targets: [], tasks: [],
    };
    this.plans.push(plan);
    return plan;
  }

  bundle(): SeedBundle {
    return { common: this.common, plans: this.plans.map((p) => ({ file: `${p.plan.id}.json`, data: p })) };
  }
}

/** A plan file with only what the builder callback puts in it. */
export function builtStore(build: (b: SeedBuilder) => void, file = tempFile()): PlanStore {
  const b = new SeedBuilder();
  build(b);
  return track(openStore(file, { create: 'seed', seeds: b.bundle() }));
}

/** Calls an operation through the same dispatcher the IPC and HTTP boundaries use; throws on refusal. */
export function ok<T = unknown>(store: PlanStore, name: string, input: unknown): T {
  const r = store.call(name, input);
  if (!r.ok) throw new Error(`${name} refused: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues)}`);
  return r.value as T;
}

/** Every row of every table, for "nothing was written" assertions. */
export function dumpTables(store: PlanStore): Record<string, unknown[]> {
  const tables = store.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries(tables.map((t) => [t.name, sorted(store.db.prepare(`SELECT * FROM "${t.name}"`).all())]));
}
