/**
 * A 报送包 of 2,000,000 comment (批注) rows (session 8, hostile inputs): small rows, so the file is far under the
 * byte cap (package/file.ts MAX_PACKAGE_BYTES) and its change count at the general limit (MAX_CHANGES) — before, every row was
 * parsed into memory and only then refused (its content hash). Now the comment rows are counted in SQL first and
 * the package is refused by MAX_COMMENT_CHANGES, naming the count and the limit, before a row is read — on the
 * desktop (packages.preview) and in the reader the hub uses (readPackageBytes). The file is made in /dev/shm.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_CHANGES, MAX_COMMENT_CHANGES, readPackageBytes } from '../../package/file.ts';
import { PackageError } from '../../package/errors.ts';
import { citySide, districtSide, exportTo, trustBoth } from './helpers.ts';

const ROWS = 2_000_000;
const SHM = fs.existsSync('/dev/shm') ? '/dev/shm' : undefined;

describe('a package of 2,000,000 comment rows', () => {
  it('is refused by the comment limit, before its rows are read, on the desktop and in the hub\'s reader', { timeout: 120_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', 'd-500116');
    const real = exportTo(city, '江津区', 'full');
    const dir = fs.mkdtempSync(path.join(SHM ?? path.dirname(real), 'plandesk-flood-'));
    const file = path.join(dir, 'flood.pdpkg');
    try {
      fs.copyFileSync(real, file);
      const db = new Database(file);
      // nothing but comments: 2,000,000 changes, at the general limit (MAX_CHANGES), so the old reader took them all;
      // valid comment rows (rowSchema: a record of cells), each its own id: it parsed every one
      db.prepare('DELETE FROM changes').run();
      db.prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
         INSERT INTO changes (n, op, entity, row_id, field, base, value, author, at)
         SELECT i, 'insert', 'comment', 'c-' || i, NULL, NULL, '{"id":"c-' || i || '","body":"批注"}', '江津区联络员', '2026-01-01T00:00:00.000Z' FROM k`,
      ).run(ROWS);
      db.prepare("UPDATE manifest SET value = ? WHERE key = 'changeCount'").run(String(ROWS));
      db.close();
      expect(ROWS).toBeGreaterThan(MAX_COMMENT_CHANGES);
      expect(ROWS).toBeLessThanOrEqual(MAX_CHANGES);

      const desk = jj.store.call('packages.preview', { file, keep: false });
      expect(desk.ok).toBe(false);
      if (desk.ok) return;
      expect(desk.error).toMatchObject({ code: 'INVALID_INPUT', reason: 'exchange.file.tooManyComments', params: { count: ROWS, max: MAX_COMMENT_CHANGES } });
      expect(desk.error.message).toContain(`批注修改有 ${ROWS} 条，超过上限 ${MAX_COMMENT_CHANGES} 条`);
      // nothing kept in the district's file
      expect(jj.store.db.prepare('SELECT count(*) AS n FROM package_pending').get()).toEqual({ n: 0 });

      const bytes = fs.readFileSync(file);
      let thrown: unknown;
      try {
        readPackageBytes('flood.pdpkg', bytes);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(PackageError);
      expect(thrown).toMatchObject({ reason: 'exchange.file.tooManyComments' });
      // the desktop still answers
      expect(jj.store.call('app.info', {}).ok).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
