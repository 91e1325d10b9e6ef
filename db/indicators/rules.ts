/** Checks of indicator fields as a planner types them. Pure: no database. */
import { nameCharacterProblem } from '../../domain/name-text.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** "2025", "2025年", 2025, "" → 2025 / null; years outside 1949–2100 refused. */
export function checkYear(raw: number | string | null): Checked<number | null> {
  if (raw === null) return { ok: true, value: null };
  const text = String(raw).trim().replace(/年$/, '');
  if (text === '') return { ok: true, value: null };
  if (!/^\d{4}$/.test(text)) return { ok: false, message: `“${String(raw)}”不是有效的年份` };
  const year = Number(text);
  if (year < 1949 || year > 2100) return { ok: false, message: `年份 ${year} 不在 1949—2100 之间` };
  return { ok: true, value: year };
}

export function checkAttribute(raw: string | null): Checked<'预期性' | '约束性' | null> {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: null };
  if (text === '预期性' || text === '约束性') return { ok: true, value: text };
  return { ok: false, message: `“${text}”不是有效的指标属性，应为 预期性 或 约束性` };
}


export function checkName(raw: string, what: string): Checked<string> {
  const name = raw.trim();
  if (!name) return { ok: false, message: `${what}不能为空` };
  const problem = nameCharacterProblem(name);
  return problem ? { ok: false, message: `${what}${problem}` } : { ok: true, value: name };
}

/**
 * Renames that would give two rows of one list the same name (s8-auth14): `rows` the list as stored,
 * `renamed` the new names of the rows a step renames. A name freed by another rename of the same step
 * may be taken (a pasted block swapping two names is accepted); only rows whose name changes are named.
 */
export function renameClashes(rows: readonly { id: string; name: string }[], renamed: ReadonlyMap<string, string>, what: string): { id: string; message: string }[] {
  const after = rows.map((r) => ({ id: r.id, name: renamed.get(r.id) ?? r.name }));
  const out: { id: string; message: string }[] = [];
  for (const [id, name] of renamed) {
    const before = rows.find((r) => r.id === id)?.name;
    if (before === name) continue;
    if (after.some((o) => o.id !== id && o.name === name)) out.push({ id, message: `${what}“${name}”已存在，请换一个名称` });
  }
  return out;
}
