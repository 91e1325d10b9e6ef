/** Checks of indicator fields as a planner types them. Pure: no database. */

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
  return name ? { ok: true, value: name } : { ok: false, message: `${what}不能为空` };
}
