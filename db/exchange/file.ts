/**
 * The package file (.pdpkg) in the core: writing it, and reading it through the package layer
 * (package/file.ts: the reading half, the same code the city hub reads pushed packages with), its
 * refusals turned into the core's PlanDeskError.
 *
 * Written under a temporary name beside the target, then renamed, so a package file is whole or absent.
 * Read as hostile input: the size is capped before a byte is read.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PlanDeskError } from '../errors.ts';
import type { ChangeLine } from '../../package/canonical.ts';
import { PackageError } from '../../package/errors.ts';
import { MAX_PACKAGE_BYTES, readPackageBytes as readBytes, SCHEMA_SQL, type PackageContent, type SignatureInfo } from '../../package/file.ts';
import type { Manifest } from '../../package/manifest.ts';

export { MAX_CHANGES, MAX_PACKAGE_BYTES, toChange, toLine, type PackageContent, type SignatureInfo } from '../../package/file.ts';

export function writePackageFile(out: string, manifest: Manifest, lines: readonly ChangeLine[], sig: SignatureInfo): void {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.partial-${process.pid}`);
  fs.rmSync(tmp, { force: true });
  const db = new Database(tmp);
  try {
    db.pragma('journal_mode = OFF');
    db.exec(SCHEMA_SQL);
    db.transaction(() => {
      const m = db.prepare('INSERT INTO manifest (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries(manifest)) m.run(k, JSON.stringify(v));
      const c = db.prepare('INSERT INTO changes (n, op, entity, row_id, field, base, value, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      lines.forEach((l, i) =>
        c.run(i + 1, l.op, l.entity, l.rowId, l.field, l.base === null ? null : JSON.stringify(l.base), l.value === null ? null : JSON.stringify(l.value), l.author, l.at),
      );
      db.prepare('INSERT INTO signature (algorithm, public_key, fingerprint, signature) VALUES (?, ?, ?, ?)').run(sig.algorithm, sig.publicKey, sig.fingerprint, sig.signature);
    })();
    db.close();
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, out);
  } catch (err) {
    if (db.open) db.close();
    fs.rmSync(tmp, { force: true });
    const detail = err instanceof Error ? err.message : String(err);
    throw new PlanDeskError('INVALID_INPUT', `无法写出报送包 ${out}：${detail}`, [], { reason: 'exchange.file.notWritten', params: { file: path.basename(out), detail } });
  }
}

const asCoreError = (err: unknown): unknown =>
  err instanceof PackageError ? new PlanDeskError(err.code, err.message, err.issues, { reason: err.reason, ...(err.params ? { params: err.params } : {}) }) : err;

export function readPackageFile(file: string): PackageContent {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new PlanDeskError('INVALID_INPUT', `报送包 ${path.basename(file)} 无法读取：不是文件`, [], { reason: 'exchange.file.notFile', params: { file: path.basename(file) } });
    size = st.size;
  } catch (err) {
    if (err instanceof PlanDeskError) throw err;
    throw new PlanDeskError('FILE_NOT_FOUND', `找不到报送包：${file}`, [], { reason: 'exchange.file.notFound', params: { file } });
  }
  if (size > MAX_PACKAGE_BYTES)
    throw new PlanDeskError('INVALID_INPUT', `报送包 ${path.basename(file)} 无法读取：文件有 ${Math.round(size / 1048576)} MB，超过报送包的上限 ${MAX_PACKAGE_BYTES / 1048576} MB`, [], {
      reason: 'exchange.file.tooBig',
      params: { file: path.basename(file), max: MAX_PACKAGE_BYTES / 1048576 },
    });
  return readPackageBytes(file, fs.readFileSync(file));
}

/** A package sent as bytes (the workbench uploads it): the same checks as a file (package/file.ts). */
export function readPackageBytes(name: string, bytes: Buffer): PackageContent {
  try {
    return readBytes(name, bytes);
  } catch (err) {
    throw asCoreError(err);
  }
}
