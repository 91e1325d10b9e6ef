/**
 * 新建规划文件 (electron/new-file.ts, the decision electron/main.ts only asks a path for): a plan file with
 * no plans but the reference lists, opened locked; an existing file the user chose to replace is
 * replaced whole; a target another PlanDesk holds is refused untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlanFile } from '../../electron/new-file.ts';
import { acquirePlanLock } from '../../db/lock.ts';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import type { District, PlanSummary } from '../../contract/entities.ts';

describe('新建规划文件', () => {
  it('creates an empty plan file with the district list, opened and locked, nothing left beside it', () => {
    const dir = tempDir();
    const target = path.join(dir, '新规划.plandesk');
    const s = createPlanFile(target, { lockAs: '桌面版' });
    try {
      expect(ok<PlanSummary[]>(s, 'plans.list', { includeArchived: true })).toEqual([]);
      expect(ok<District[]>(s, 'districts.list', {})).toHaveLength(46);
      expect(() => acquirePlanLock(target, '另一个')).toThrow(/桌面版/);
      // a plan can be authored in it at once
      ok(s, 'plans.create', { header: { title: '第一个规划', issuer: '重庆市人民政府', periodStart: 2025, periodEnd: 2027 } });
      expect(fs.readdirSync(dir).filter((n) => n.includes('creating'))).toEqual([]);
    } finally {
      s.close();
    }
  });

  it('replaces a file the user chose to overwrite (no old -wal applied), and refuses one another app holds', () => {
    const dir = tempDir();
    const target = path.join(dir, 'old.plandesk');
    seededStore(target).close();
    fs.writeFileSync(`${target}-wal`, 'stale');
    const s = createPlanFile(target, { lockAs: '桌面版' });
    expect(ok<PlanSummary[]>(s, 'plans.list', {})).toEqual([]);
    s.close();
    const held = path.join(dir, 'held.plandesk');
    seededStore(held).close();
    const before = fs.readFileSync(held);
    const release = acquirePlanLock(held, '网页版');
    try {
      expect(() => createPlanFile(held, { lockAs: '桌面版' })).toThrow(/网页版/);
      expect(fs.readFileSync(held).equals(before)).toBe(true);
    } finally {
      release();
    }
  });
});
