/**
 * The package file (.pdpkg), the reading half, shared by the desktop's core and the city hub: a small
 * SQLite database of three tables — manifest (key → JSON value), changes (one row per changed cell,
 * inserted or deleted row, in order) and signature (one row). The core writes it (db/exchange/file.ts).
 *
 * Read as hostile input: the size is capped before a byte is parsed, the bytes are opened from memory
 * (nothing is ever written anywhere: no file, no -wal, no -journal — the hub reads packages this way and
 * still never opens a SQLite store), the tables and columns must be exactly ours, and every row is
 * checked with zod; any failure is a PackageError in Chinese naming the table and field, never a crash.
 */
import Database from 'better-sqlite3';
import type { z } from 'zod';
import { PackageError, type PackageIssue, type PackageErrorParams } from './errors.ts';
import type { Change, Row, Value } from '../domain/exchange/types.ts';
import type { ChangeLine } from './canonical.ts';
import { FIELD_NAMES, changeRowSchema, manifestSchema, rowSchema, signatureRowSchema, type Manifest } from './manifest.ts';
import { z as zod } from 'zod';

/** A package of a 100,000-task plan is about 60 MB; four times that is not a package of ours. */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;
export const MAX_CHANGES = 2_000_000;
/**
 * Comment (批注) changes of one package. Counted in SQL before a row is read, so a package of millions of comment
 * rows (which fits under the byte cap, each row small) is refused without being read into memory. Ten times the
 * tasks of the largest plan we measure (100,000, bench/generate.ts): no planner's package comes near it.
 */
export const MAX_COMMENT_CHANGES = 1_000_000;

const TABLES: Record<string, readonly string[]> = {
  manifest: ['key', 'value'],
  changes: ['n', 'op', 'entity', 'row_id', 'field', 'base', 'value', 'author', 'at'],
  signature: ['algorithm', 'public_key', 'fingerprint', 'signature'],
};

export const SCHEMA_SQL = `
CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE changes (n INTEGER PRIMARY KEY, op TEXT NOT NULL, entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT,
  base TEXT, value TEXT, author TEXT NOT NULL, at TEXT NOT NULL) STRICT;
CREATE TABLE signature (algorithm TEXT NOT NULL, public_key TEXT NOT NULL, fingerprint TEXT NOT NULL, signature TEXT NOT NULL) STRICT;
`;

export interface SignatureInfo {
  algorithm: string;
  publicKey: string;
  fingerprint: string;
  signature: string;
}

export interface PackageContent {
  manifest: Manifest;
  lines: ChangeLine[];
  signature: SignatureInfo;
}

export function toLine(c: Change): ChangeLine {
  if (c.op === 'update') return { op: 'update', entity: c.entity, rowId: c.rowId, field: c.field, base: c.base, value: c.value, author: c.author, at: c.at };
  if (c.op === 'insert') return { op: 'insert', entity: c.entity, rowId: c.rowId, field: null, base: null, value: c.row, author: c.author, at: c.at };
  return { op: 'delete', entity: c.entity, rowId: c.rowId, field: null, base: c.row, value: null, author: c.author, at: c.at };
}

/** A refusal of the file, with its stable reason (err.<reason>); `file` (the name) is added to its params. */
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;
const bad = (file: string, what: string, issues: PackageIssue[], why: { reason: string; params?: PackageErrorParams }) =>
  new PackageError('INVALID_INPUT', `报送包 ${baseName(file)} 无法读取：${what}`, issues, { reason: why.reason, params: { file: baseName(file), ...why.params } });

function zodIssues(err: z.ZodError, where: string, row?: number) {
  return err.issues.slice(0, 20).map((i) => {
    const key = String(i.path[0] ?? '');
    return { field: `${where}.${i.path.join('.')}`, row, message: `${FIELD_NAMES[key] ?? key}：${i.message}` };
  });
}

const jsonValue = zod.union([zod.string(), zod.number().finite(), zod.null(), zod.array(zod.string())]);

function parseJson(file: string, text: string | null, where: string, n: number): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw bad(file, `第 ${n} 条修改的${where}不是有效的数据`, [{ field: `changes.${where}`, message: `第 ${n} 条修改：${where}格式错误` }], { reason: 'exchange.file.change', params: { n } });
  }
}

/** A package as bytes (read from a file, uploaded to the workbench, pushed to the hub): every check of the format. */
export function readPackageBytes(name: string, bytes: Buffer): PackageContent {
  if (bytes.length > MAX_PACKAGE_BYTES) throw bad(name, `文件有 ${Math.round(bytes.length / 1048576)} MB，超过报送包的上限 ${MAX_PACKAGE_BYTES / 1048576} MB`, [], { reason: 'exchange.file.tooBig', params: { max: MAX_PACKAGE_BYTES / 1048576 } });
  const file = name;
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') throw bad(file, '不是报送包（不是 PlanDesk 报送包的文件格式）', [], { reason: 'exchange.file.notPackage' });
  let db: Database.Database;
  try {
    db = new Database(bytes, { readonly: true });
  } catch (err) {
    throw bad(file, `文件已损坏（${err instanceof Error ? err.message : String(err)}）`, [], { reason: 'exchange.file.damaged' });
  }
  try {
    return readOpen(file, db);
  } catch (err) {
    if (err instanceof PackageError) throw err;
    throw bad(file, `文件已损坏（${err instanceof Error ? err.message : String(err)}）`, [], { reason: 'exchange.file.damaged' });
  } finally {
    db.close();
  }
}

function readOpen(file: string, db: Database.Database): PackageContent {
  db.pragma('trusted_schema = OFF');
  const objects = db.prepare<[], { type: string; name: string }>("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'").all();
  const names = objects.map((o) => `${o.type}:${o.name}`).sort();
  const want = Object.keys(TABLES).map((t) => `table:${t}`).sort();
  if (names.join(',') !== want.join(',')) throw bad(file, `表不符合报送包格式（应为 ${Object.keys(TABLES).join('、')}，实为 ${objects.map((o) => o.name).join('、') || '无'}）`, [], { reason: 'exchange.file.format' });
  for (const [t, cols] of Object.entries(TABLES)) {
    const have = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t}') ORDER BY cid`).all().map((c) => c.name);
    if (have.join(',') !== cols.join(',')) throw bad(file, `表 ${t} 的列不符合报送包格式（应为 ${cols.join('、')}）`, [{ field: t, message: `列：${have.join('、')}` }], { reason: 'exchange.file.format' });
  }
  const integrity = db.pragma('quick_check', { simple: true });
  if (integrity !== 'ok') throw bad(file, `文件已损坏（${String(integrity)}）`, [], { reason: 'exchange.file.damaged' });

  const raw: Record<string, unknown> = {};
  for (const r of db.prepare<[], { key: unknown; value: unknown }>('SELECT key, value FROM manifest').all()) {
    if (typeof r.key !== 'string' || typeof r.value !== 'string' || r.key.length > 100) throw bad(file, '清单（manifest）中有无效的行', [], { reason: 'exchange.file.manifest' });
    const fieldName = FIELD_NAMES[r.key] ?? r.key;
    try {
      raw[r.key] = JSON.parse(r.value);
    } catch {
      throw bad(file, `清单中的“${fieldName}”不是有效的数据`, [{ field: `manifest.${r.key}`, message: `${fieldName}：格式错误` }], { reason: 'exchange.file.manifest' });
    }
  }
  const m = manifestSchema.safeParse(raw);
  if (!m.success) throw bad(file, `清单中的“${FIELD_NAMES[String(m.error.issues[0]?.path[0] ?? '')] ?? String(m.error.issues[0]?.path[0] ?? '')}”不符合要求`, zodIssues(m.error, 'manifest'), { reason: 'exchange.file.manifest' });

  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM changes').get()?.n ?? 0;
  if (count > MAX_CHANGES) throw bad(file, `修改有 ${count} 条，超过上限 ${MAX_CHANGES} 条`, [], { reason: 'exchange.file.tooManyChanges', params: { count, max: MAX_CHANGES } });
  const comments = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM changes WHERE entity = 'comment'").get()?.n ?? 0;
  if (comments > MAX_COMMENT_CHANGES)
    throw bad(file, `批注修改有 ${comments} 条，超过上限 ${MAX_COMMENT_CHANGES} 条`, [{ field: 'changes.entity', message: `批注 ${comments} 条` }], { reason: 'exchange.file.tooManyComments', params: { count: comments, max: MAX_COMMENT_CHANGES } });
  if (count !== m.data.changeCount) throw bad(file, `修改条数与清单不符（清单 ${m.data.changeCount} 条，实有 ${count} 条）`, [{ field: 'manifest.changeCount', message: '修改条数不符' }], { reason: 'exchange.file.changeCount', params: { expected: m.data.changeCount, count } });
  const lines: ChangeLine[] = [];
  let expect = 1;
  for (const r of db.prepare('SELECT n, op, entity, row_id, field, base, value, author, at FROM changes ORDER BY n').iterate()) {
    const c = changeRowSchema.safeParse(r);
    if (!c.success) throw bad(file, `第 ${expect} 条修改的“${FIELD_NAMES[String(c.error.issues[0]?.path[0] ?? '')] ?? ''}”不符合要求`, zodIssues(c.error, 'changes', expect), { reason: 'exchange.file.change', params: { n: expect } });
    const x = c.data;
    if (x.n !== expect) throw bad(file, `修改的序号不连续（第 ${expect} 条缺失）`, [], { reason: 'exchange.file.change', params: { n: expect } });
    expect++;
    const base = parseJson(file, x.base, '原值', x.n);
    const value = parseJson(file, x.value, '新值', x.n);
    if (x.op === 'update') {
      const f = x.field;
      const b = jsonValue.safeParse(base);
      const v = jsonValue.safeParse(value);
      if (!f || !b.success || !v.success) throw bad(file, `第 ${x.n} 条修改（${x.entity} ${x.row_id}）的字段或值不符合要求`, [{ field: 'changes.field', row: x.n, message: '字段或值无效' }], { reason: 'exchange.file.change', params: { n: x.n } });
      lines.push({ op: 'update', entity: x.entity, rowId: x.row_id, field: f, base: b.data, value: v.data, author: x.author, at: x.at });
    } else {
      const whole = rowSchema.safeParse(x.op === 'insert' ? value : base);
      if (x.field !== null || !whole.success || (x.op === 'insert' ? x.base !== null : x.value !== null))
        throw bad(file, `第 ${x.n} 条修改（${x.op === 'insert' ? '新增' : '删除'} ${x.entity} ${x.row_id}）的整行数据不符合要求`, [{ field: 'changes.value', row: x.n, message: '整行数据无效' }], { reason: 'exchange.file.change', params: { n: x.n } });
      lines.push({ op: x.op, entity: x.entity, rowId: x.row_id, field: null, base: x.op === 'delete' ? whole.data : null, value: x.op === 'insert' ? whole.data : null, author: x.author, at: x.at });
    }
  }
  const sigs = db.prepare('SELECT algorithm, public_key, fingerprint, signature FROM signature').all();
  if (sigs.length !== 1) throw bad(file, '签名缺失或不止一个', [{ field: 'signature', message: `签名 ${sigs.length} 个` }], { reason: 'exchange.file.signature' });
  const s = signatureRowSchema.safeParse(sigs[0]);
  if (!s.success) throw bad(file, '签名不符合要求', zodIssues(s.error, 'signature'), { reason: 'exchange.file.signature' });
  return { manifest: m.data, lines, signature: { algorithm: s.data.algorithm, publicKey: s.data.public_key, fingerprint: s.data.fingerprint, signature: s.data.signature } };
}

export function toChange(l: ChangeLine): Change {
  const entity = l.entity as Change['entity'];
  if (l.op === 'update') return { op: 'update', entity, rowId: l.rowId, field: l.field ?? '', base: l.base as Value, value: l.value as Value, author: l.author, at: l.at };
  if (l.op === 'insert') return { op: 'insert', entity, rowId: l.rowId, row: l.value as Row, author: l.author, at: l.at };
  return { op: 'delete', entity, rowId: l.rowId, row: l.base as Row, author: l.author, at: l.at };
}
