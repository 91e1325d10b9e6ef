/**
 * One writer at a time, everywhere: while a host has the plan file open, every CLI write is refused
 * with the host's message and writes nothing; CLI reads still answer, from what the host committed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { startWebHostProcess } from '../helpers/browser.ts';
import { hostApi, stopChild } from '../helpers/host.ts';
import { seededStore, tempDir } from '../helpers/store.ts';

const PLAN = 'p-yufu-2023-13';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const hash = (f: string) => (fs.existsSync(f) ? crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') : null);
/** Everything in the folder but the -shm (SQLite's shared index, which readers also write). */
function snapshot(dir: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('-shm')) out[path.relative(dir, p)] = hash(p);
    }
  };
  walk(dir);
  return out;
}

const versionsCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM versions').get()?.n ?? -1;
  } finally {
    db.close();
  }
};

const children: import('node:child_process').ChildProcess[] = [];
afterEach(async () => {
  while (children.length) await stopChild(children.pop()!);
});

async function hostOn(file: string) {
  const { url, child } = await startWebHostProcess(file);
  children.push(child);
  // The host's open-time backup runs after it starts serving: wait for it, so the folder is at rest.
  const backups = `${file}.backups`;
  for (let i = 0; i < 100 && !(fs.existsSync(backups) && fs.readdirSync(backups).some((n) => n.endsWith('.plandesk'))); i++) await new Promise((r) => setTimeout(r, 100));
  return { url, child, api: hostApi(url) };
}

describe('CLI writes while a host has the file open', () => {
  it('version create, import --yes and backup create/restore are refused with the host’s message, and nothing is written anywhere', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'plans.plandesk');
    seededStore(file).close();
    const host = await hostOn(file);
    const csv = path.join(tempDir(), 'tasks.csv');
    fs.writeFileSync(csv, '\ufeff序号,任务\n1,新任务\n');
    const backup = fs.readdirSync(`${file}.backups`).find((n) => n.endsWith('.plandesk'))!;
    const holder = JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')) as { pid: number };
    const before = snapshot(dir);
    const versionsBefore = versionsCount(file);

    const attempts = [
      ['version', 'create', '--db', file, '--plan', PLAN, '--name', '命令行版本'],
      ['import', '--db', file, '--plan', PLAN, '--yes', csv],
      ['backup', 'create', '--db', file],
      ['backup', 'restore', '--db', file, '--from', path.join(`${file}.backups`, backup)],
    ];
    for (const argv of attempts) {
      const r = await cli(...argv);
      expect(r.code, `${argv.join(' ')}\n${r.out}${r.err}`).toBe(1);
      expect(r.err).toMatch(new RegExp(`已被另一个规划工作台打开（网页版，进程 ${holder.pid}`));
      expect(r.out).toBe('');
    }
    expect(versionsCount(file)).toBe(versionsBefore);
    expect(snapshot(dir)).toEqual(before);
    // The host still has its lock and works.
    expect((await host.api('versions.list', { planId: PLAN })).ok).toBe(true);

    // Once the host has stopped, the same write goes through: it was the lock that refused it.
    await stopChild(host.child);
    const after = await cli('version', 'create', '--db', file, '--plan', PLAN, '--name', '命令行版本');
    expect(after.code, after.err).toBe(0);
    expect(versionsCount(file)).toBe(versionsBefore + 1);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('read commands answer while the host writes, with what it has committed', async () => {
    const file = path.join(tempDir(), 'plans.plandesk');
    seededStore(file).close();
    const host = await hostOn(file);
    const tasks = (await host.api('tasks.list', { planId: PLAN, limit: 3 })).value.rows as { id: string }[];
    for (const [n, t] of tasks.entries()) {
      const edit = await host.api('tasks.update', { taskId: t.id, patch: { progress: `进展 ${n}` } });
      expect(edit.ok, JSON.stringify(edit)).toBe(true);
      const shown = await cli('show', '--db', file, '--plan', PLAN, '--json');
      expect(shown.code, shown.err).toBe(0);
      const doc = JSON.parse(shown.out) as { tasks: { id: string; progress: string | null }[] };
      expect(doc.tasks.find((x) => x.id === t.id)?.progress).toBe(`进展 ${n}`);
      const listed = await cli('version', 'list', '--db', file, '--plan', PLAN);
      expect(listed.code, listed.err).toBe(0);
    }
    expect(fs.readFileSync(`${file}.lock`, 'utf8')).toMatch(/网页版/);
  });
});
