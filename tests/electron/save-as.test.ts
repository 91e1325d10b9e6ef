/**
 * 另存为 (electron/save-as.ts, the decision electron/main.ts only asks a path for): a target another
 * PlanDesk has open is refused before anything is written; otherwise the copy is complete, replaces
 * the target whole (never merged with a -wal left beside it) and is opened locked.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { saveStoreAs } from '../../electron/save-as.ts';
import { PlanDeskError } from '../../db/errors.ts';
import { startWebHostProcess } from '../helpers/browser.ts';
import { hostApi, stopChild } from '../helpers/host.ts';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import { corruptIndexPage } from '../helpers/damage.ts';
import { common, importMetaUrl } from '../../scripts/bundle-options.mjs';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const children: import('node:child_process').ChildProcess[] = [];
afterEach(async () => {
  while (children.length) await stopChild(children.pop()!);
});

describe('另存为', () => {
  it('refuses a target another PlanDesk has open, before writing anything; that app keeps its file', async () => {
    const source = seededStore();
    const targetDir = tempDir();
    const target = path.join(targetDir, 'other.plandesk');
    const other = seededStore(target);
    other.call('plans.update', { planId: PLAN, patch: { title: '另一个窗口的规划' } });
    other.close();
    const { url, child } = await startWebHostProcess(target);
    children.push(child);
    const api = hostApi(url);
    const listing = () => fs.readdirSync(targetDir).filter((n) => !n.endsWith('-shm') && !n.endsWith('.backups')).sort();
    const before = { main: hash(target), files: listing() };

    let caught: unknown;
    try {
      await saveStoreAs(source, target, { lockAs: '桌面版' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PlanDeskError);
    expect((caught as PlanDeskError).code).toBe('BUSY');
    expect((caught as PlanDeskError).message).toMatch(/已被另一个规划工作台打开（网页版/);
    expect(hash(target)).toBe(before.main);
    expect(listing()).toEqual(before.files);
    const plans = (await api('plans.list', {})).value as { id: string; title: string }[];
    expect(plans.find((p) => p.id === PLAN)?.title).toBe('另一个窗口的规划');
    // The source is still open and usable.
    expect(source.call('plans.list', {}).ok).toBe(true);
  });

  it('writes a complete copy over a free target (dropping the -wal left there), opens it locked, leaves the source as it was', async () => {
    const source = seededStore();
    const task = ok<{ rows: Task[] }>(source, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    ok(source, 'tasks.update', { taskId: task.id, patch: { progress: '另存之前的修改' } });
    const target = path.join(tempDir(), 'copy.plandesk');
    // The file being replaced crashed with committed frames in its -wal: they must not be applied to the copy.
    const old = seededStore(target);
    old.close();
    const db = new Database(target);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("UPDATE tasks SET progress = '旧文件的日志' WHERE id = ?").run(task.id);
    const wal = fs.readFileSync(`${target}-wal`);
    db.close();
    fs.writeFileSync(`${target}-wal`, wal);

    const copy = await saveStoreAs(source, target, { lockAs: '桌面版' });
    try {
      expect(copy.ctx.file).toBe(path.resolve(target));
      expect(ok<{ rows: Task[] }>(copy, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!.progress).toBe('另存之前的修改');
      expect(JSON.parse(fs.readFileSync(`${target}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, app: '桌面版' });
      expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(fs.readdirSync(path.dirname(target)).filter((n) => n.includes('.saving-'))).toEqual([]);
    } finally {
      copy.close();
    }
    expect(fs.existsSync(`${target}.lock`)).toBe(false);
    expect(ok<{ rows: Task[] }>(source, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!.progress).toBe('另存之前的修改');
  });

  it('refuses saving onto the file that is open', async () => {
    const source = seededStore();
    await expect(saveStoreAs(source, source.ctx.file, { lockAs: '桌面版' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('the desktop open path inside the Electron main bundle', () => {
  it('runs the integrity check in a worker thread: an intact file opens, a damaged index is refused', { timeout: 120_000 }, async () => {
    const outfile = path.resolve('build/test-bundles/core-open.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: ['tests/electron/fixtures/core-open.ts'], outfile });
    const dir = tempDir();
    const [good, bad] = [path.join(dir, 'good.plandesk'), path.join(dir, 'bad.plandesk')];
    seededStore(good).close();
    seededStore(bad).close();
    corruptIndexPage(bad);
    const out = JSON.parse(execFileSync(process.execPath, [outfile, good, bad], { encoding: 'utf8' })) as Record<string, string>;
    expect(out[good]).toMatch(/^opened \d+/);
    expect(out[bad]).toMatch(/^DAMAGED_FILE .*已损坏/);
  });
});
