/** Checks of indicator fields as a planner types them. Pure: no database. */
import { allowsNegative, parseValueText } from '../targets/rules.ts';

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

/** A value as typed for an indicator with this unit: number and wording, or why it is refused. */
export function checkValue(raw: string | null, unit: string | null, name: string): Checked<{ value: string | null; text: string | null }> {
  const text = raw ?? '';
  const parsed = parseValueText(text, unit);
  if (parsed === null) return { ok: false, message: `“${text}”不是有效的数值` };
  if (parsed.value !== null && parsed.value.startsWith('-') && !allowsNegative(unit)) return { ok: false, message: `${name}（${unit ?? ''}）不能为负数：${text}` };
  return { ok: true, value: parsed };
}

export function checkName(raw: string, what: string): Checked<string> {
  const name = raw.trim();
  return name ? { ok: true, value: name } : { ok: false, message: `${what}不能为空` };
}
