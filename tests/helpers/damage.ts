/**
 * Damage as it happens on disk, for open-time tests: one byte of an index b-tree page changed so the
 * page is still well-formed (quick_check passes) but the index no longer matches its table.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** Corrupts a leaf page of the UNIQUE index on departments(name) in a closed plan file (no -wal). Returns the page number. */
export function corruptIndexPage(file: string): { index: string; page: number } {
  const db = new Database(file, { readonly: true });
  const index = 'sqlite_autoindex_departments_2';
  let page: number;
  let size: number;
  let names: string[];
  try {
    const leaf = db.prepare<[string], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1").get(index);
    if (!leaf) throw new Error(`no leaf page of ${index}`);
    page = leaf.pageno;
    size = Number(db.pragma('page_size', { simple: true }));
    names = db.prepare<[], string>('SELECT name FROM departments').pluck().all();
  } finally {
    db.close();
  }
  if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) throw new Error('checkpoint the file first');
  // The read-only look above made an empty -wal and a -shm: a closed plan file has neither.
  for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
  const fd = fs.openSync(file, 'r+');
  try {
    const buf = Buffer.alloc(size);
    fs.readSync(fd, buf, 0, size, (page - 1) * size);
    for (const name of names) {
      const bytes = Buffer.from(name);
      const at = buf.indexOf(bytes);
      if (bytes.length < 6 || at < 0 || buf.indexOf(bytes, at + 1) >= 0) continue;
      // The last byte of a UTF-8 character's tail stays a valid tail byte: another character, same length.
      const pos = at + bytes.length - 1;
      buf[pos] = (buf[pos] ?? 0) ^ 1;
      fs.writeSync(fd, buf, 0, size, (page - 1) * size);
      return { index, page };
    }
  } finally {
    fs.closeSync(fd);
  }
  throw new Error('no unit name found on the index page');
}

export function pragmaRows(file: string, pragma: 'quick_check' | 'integrity_check'): string[] {
  const made = ['-wal', '-shm'].filter((s) => !fs.existsSync(file + s));
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma(pragma) as Record<string, string>[]).map((r) => String(Object.values(r)[0]));
  } finally {
    db.close();
    for (const s of made) fs.rmSync(file + s, { force: true });
  }
}
