import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { openStore, openStoreAsync, initPlanFile } from '../../db/store.ts';
import { CheckUnavailable, verifyIntegrityInWorker } from '../../db/integrity.ts';
import { describeOpenFailure } from '../../db/backups/recovery.ts';
import { corruptIndexPage, pragmaRows } from '../helpers/damage.ts';
import { APPLICATION_ID, classifyOpenFailure } from '../../db/connection.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { PlanDeskError, opensReadOnlyInstead } from '../../db/errors.ts';
import { seededStore, tempDir, tempFile } from '../helpers/store.ts';

const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

function expectRefusedUntouched(file: string, code: string) {
  const before = hash(file);
  const siblingsBefore = fs.readdirSync(path.dirname(file)).sort();
  let caught: unknown;
  try {
    openStore(file).close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PlanDeskError);
  expect((caught as PlanDeskError).code).toBe(code);
  expect((caught as PlanDeskError).message).toMatch(/[\u4e00-\u9fff]/);
  expect(hash(file)).toBe(before);
  expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblingsBefore);
}

describe('opening plan files', () => {
  it('refuses a text file, untouched', () => {
    const f = tempFile('notes.plandesk');
    fs.writeFileSync(f, '这不是数据库\n'.repeat(50));
    expectRefusedUntouched(f, 'NOT_PLANDESK_FILE');
  });

  it('refuses an empty file, untouched', () => {
    const f = tempFile('empty.plandesk');
    fs.writeFileSync(f, '');
    expectRefusedUntouched(f, 'NOT_PLANDESK_FILE');
  });

  it("refuses another program's SQLite database, untouched", () => {
    const f = tempFile('other.sqlite');
    const db = new Database(f);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    expectRefusedUntouched(f, 'NOT_PLANDESK_FILE');
  });

  it('refuses a file from a newer PlanDesk, untouched', () => {
    const f = tempFile('newer.plandesk');
    const db = new Database(f);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.exec('CREATE TABLE future (x)');
    db.close();
    expectRefusedUntouched(f, 'SCHEMA_TOO_NEW');
  });

  it('refuses a damaged plan file, untouched', () => {
    const f = tempFile('damaged.plandesk');
    seededStore(f).close();
    // Overwrite pages in the middle of the file with junk, keeping the header.
    const buf = fs.readFileSync(f);
    const fd = fs.openSync(f, 'r+');
    const junk = Buffer.alloc(Math.min(16384, buf.length - 8192), 0x5a);
    fs.writeSync(fd, junk, 0, junk.length, 4096);
    fs.closeSync(fd);
    expectRefusedUntouched(f, 'DAMAGED_FILE');
  });

  it('refuses a truncated plan file, untouched', () => {
    const f = tempFile('truncated.plandesk');
    seededStore(f).close();
    fs.truncateSync(f, Math.floor(fs.statSync(f).size / 3));
    expectRefusedUntouched(f, 'DAMAGED_FILE');
  });

  it('makes a backup copy before migrating an existing file', () => {
    const dir = tempDir();
    const f = path.join(dir, 'old.plandesk');
    const db = new Database(f);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    db.pragma('user_version = 0');
    db.close();
    // user_version 0 with a meta table is not a state migration 001 can build on; use an empty v0 file instead.
    fs.rmSync(f);
    const db2 = new Database(f);
    db2.pragma(`application_id = ${APPLICATION_ID}`);
    db2.close();
    const before = hash(f);
    const store = openStore(f);
    expect(store.backupPath).not.toBeNull();
    expect(fs.existsSync(store.backupPath!)).toBe(true);
    expect(hash(store.backupPath!)).toBe(before);
    expect(Number(store.db.pragma('user_version', { simple: true }))).toBe(LATEST_SCHEMA_VERSION);
    store.close();
  });

  it('does not create a missing file unless asked', () => {
    const f = tempFile('missing.plandesk');
    expect(() => openStore(f)).toThrow(PlanDeskError);
    expect(fs.existsSync(f)).toBe(false);
  });

  it('init refuses to overwrite an existing file', () => {
    const f = tempFile();
    fs.writeFileSync(f, 'keep me');
    expect(() => initPlanFile(f)).toThrow(/已存在/);
    expect(fs.readFileSync(f, 'utf8')).toBe('keep me');
  });

  it('a file opened read-only refuses writes and writes nothing', () => {
    const f = tempFile();
    seededStore(f).close();
    const before = hash(f);
    const ro = openStore(f, { readonly: true });
    const r = ro.call('plans.update', { planId: 'p-yufu-2023-13', patch: { title: '改' } });
    ro.close();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('READ_ONLY');
    expect(hash(f)).toBe(before);
  });
});

describe('a plan file with a damaged index', () => {
  // quick_check does not compare an index with its table: the old open-time check let this file be edited.
  const damaged = () => {
    const f = tempFile('index-damaged.plandesk');
    seededStore(f).close();
    const { index } = corruptIndexPage(f);
    expect(pragmaRows(f, 'quick_check')).toEqual(['ok']);
    expect(pragmaRows(f, 'integrity_check').join('\n')).toMatch(index);
    return { f, index };
  };

  it('is never opened for writing, and the refusal names the index; the file is untouched', () => {
    const { f, index } = damaged();
    expectRefusedUntouched(f, 'DAMAGED_FILE');
    try {
      openStore(f, { lockAs: '网页版' });
    } catch (err) {
      expect((err as PlanDeskError).issues.map((i) => i.message).join('\n')).toMatch(index);
    }
    expect(fs.existsSync(`${f}.lock`)).toBe(false);
  });

  it('is not accepted as good read-only either, nor by the desktop path that checks in a worker thread', async () => {
    const { f } = damaged();
    const before = hash(f);
    expect(() => openStore(f, { readonly: true })).toThrow(/已损坏/);
    await expect(openStoreAsync(f, { lockAs: '桌面版' })).rejects.toMatchObject({ code: 'DAMAGED_FILE' });
    await expect(verifyIntegrityInWorker(f)).rejects.toMatchObject({ code: 'DAMAGED_FILE' });
    expect(hash(f)).toBe(before);
    expect(fs.readdirSync(path.dirname(f))).toEqual([path.basename(f)]);
  });

  it('the web host does not serve it for editing and makes no open-time backup of it', { timeout: 60_000 }, async () => {
    const { f } = damaged();
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['web/main.ts', '--db', f], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 30_000);
        const check = () => /已损坏|127\.0\.0\.1/.test(output) && (clearTimeout(timer), resolve());
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.once('exit', () => (clearTimeout(timer), resolve()));
      });
      await new Promise((r) => setTimeout(r, 1000));
      expect(output).toMatch(/已损坏/);
      expect(output).not.toMatch(/规划工作台已启动/);
      const backups = `${f}.backups`;
      expect(fs.existsSync(backups) ? fs.readdirSync(backups).filter((n) => n.endsWith('.plandesk')) : []).toEqual([]);
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  });

  it('a worker that cannot load the driver is not taken for damage (the opener then checks on its own thread)', async () => {
    const f = tempFile();
    seededStore(f).close();
    const err = await verifyIntegrityInWorker(f, path.join(tempDir(), 'missing.node')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckUnavailable);
    expect(err).not.toBeInstanceOf(PlanDeskError);
  });

  it('an intact file opens through the worker-thread check, holding the lock', async () => {
    const f = tempFile();
    seededStore(f).close();
    const s = await openStoreAsync(f, { lockAs: '桌面版' });
    try {
      expect(fs.existsSync(`${f}.lock`)).toBe(true);
      expect(s.call('plans.list', {}).ok).toBe(true);
    } finally {
      s.close();
    }
    expect(fs.existsSync(`${f}.lock`)).toBe(false);
  });
});

describe('a nearly full disk', () => {
  const root = process.getuid?.() === 0;
  if (!root) console.warn('skipped: the full-disk tests mount a small tmpfs, which needs root');

  /** A 2 MB tmpfs holding an intact plan file, filled until `leave` bytes are free. */
  function fullDisk(leave: number): { dir: string; file: string; unmount: () => void } {
    const dir = tempDir('plandesk-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2M', 'tmpfs', dir]);
    const file = path.join(dir, 'plans.plandesk');
    const src = tempFile();
    seededStore(src).close();
    fs.copyFileSync(src, file);
    const filler = path.join(dir, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(4096, 1));
    } catch {
      /* ENOSPC: full */
    } finally {
      fs.closeSync(fd);
    }
    if (leave) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - leave));
    return { dir, file, unmount: () => execFileSync('umount', ['-l', dir]) };
  }

  it.runIf(root)('with under 32 KB free an intact file is reported as disk full, never as damaged; no restore is offered; it can still be viewed', () => {
    for (const leave of [16 * 1024, 0]) {
      const { dir, file, unmount } = fullDisk(leave);
      try {
        const before = hash(file);
        let caught: unknown;
        try {
          openStore(file, { lockAs: '网页版' }).close();
        } catch (err) {
          caught = err;
        }
        expect(caught, `${leave} bytes free`).toBeInstanceOf(PlanDeskError);
        expect((caught as PlanDeskError).code).toBe('DISK_FULL');
        expect((caught as PlanDeskError).message).not.toMatch(/已损坏/);
        expect((caught as PlanDeskError).message).toMatch(/磁盘空间不足.*不是文件损坏/);
        expect(describeOpenFailure(file, caught).backup).toBeNull();
        const ro = openStore(file, { readonly: true });
        expect((ro.call('plans.list', {}) as { value: unknown[] }).value.length).toBeGreaterThan(3);
        ro.close();
        expect(hash(file)).toBe(before);
        expect(fs.readdirSync(dir).sort()).toEqual(['filler', 'plans.plandesk']);
      } finally {
        unmount();
      }
    }
  });
});

describe('what a failure at open is called', () => {
  const f = '/nonexistent-dir/plans.plandesk';
  const err = (code: string) => Object.assign(new Error(code), { code });
  it('a full disk is disk full, a read-only medium is read-only, only unreadable data is damage', () => {
    expect(classifyOpenFailure(f, err('SQLITE_FULL')).code).toBe('DISK_FULL');
    expect(classifyOpenFailure(f, err('ENOSPC')).code).toBe('DISK_FULL');
    expect(classifyOpenFailure(f, err('EROFS')).code).toBe('READ_ONLY');
    expect(classifyOpenFailure(f, err('EACCES')).code).toBe('READ_ONLY');
    expect(classifyOpenFailure(f, err('EPERM')).code).toBe('READ_ONLY');
    expect(classifyOpenFailure(f, err('SQLITE_READONLY_CANTINIT')).code).toBe('READ_ONLY');
    expect(classifyOpenFailure(f, err('SQLITE_CORRUPT')).code).toBe('DAMAGED_FILE');
    expect(classifyOpenFailure(f, err('SQLITE_NOTADB')).code).toBe('DAMAGED_FILE');
    // An I/O error with plenty of room is not the disk being full.
    const roomy = tempFile();
    expect(classifyOpenFailure(roomy, err('SQLITE_IOERR_SHORT_READ')).code).toBe('DAMAGED_FILE');
  });

  it('hosts show read-only what they cannot open for writing for lack of permission or room, never what is damaged', () => {
    expect(opensReadOnlyInstead(new PlanDeskError('READ_ONLY', '只读'))).toBe(true);
    expect(opensReadOnlyInstead(new PlanDeskError('DISK_FULL', '满'))).toBe(true);
    expect(opensReadOnlyInstead(new PlanDeskError('DAMAGED_FILE', '损坏'))).toBe(false);
    expect(opensReadOnlyInstead(new PlanDeskError('BUSY', '占用'))).toBe(false);
    expect(opensReadOnlyInstead(new Error('x'))).toBe(false);
  });
});
