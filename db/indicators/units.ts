/**
 * The units of measure an indicator may have (issue 14 §1: "units validated"). The file has no table
 * of units of measure (the old `units` table was departments, migration 003), so the list lives here,
 * pure: a unit is a magnitude (万, 亿, 万亿 …, domain/numbers.ts splitUnit) and a base word from BASES,
 * or two of those joined by "/" (亿元/平方公里, 万元/人). Other spellings of the same unit (％, 个百分点
 * written 百分点, 元人民币) are ALIASES, stored in their usual form. Covers every unit of the seeds and
 * the shared gazette texts; anything else is refused with the list, so a typo never becomes a unit.
 */
import { splitUnit } from '../../domain/numbers.ts';
import type { Checked } from './rules.ts';

export const BASES: readonly string[] = [
  '%', '‰', '个百分点', '元', '美元', '人', '人次', '户', '家', '个', '项', '件', '次', '天', '小时', '年', '岁', '所', '座', '张',
  '台', '套', '辆', '艘', '架', '条', '处', '栋', '间', '床', '名', '位', '篇', '部', '场', '种', '批', '吨', '千克', '公斤',
  '千瓦', '千瓦时', '度', '立方米', '平方米', '平方公里', '公顷', '亩', '公里', '千米', '米', 'Mbps', 'Gbps', 'G', 'TEU', '标箱',
  '分', '倍', '级', '星',
];

export const ALIASES: Readonly<Record<string, string>> = {
  '％': '%', '百分比': '%', '百分点': '个百分点', '元人民币': '元', '人民币元': '元', '平方千米': '平方公里', 'km': '公里', 'kW': '千瓦', 'kWh': '千瓦时',
};

const EXTRA: readonly string[] = ['吨标煤', '吨标准煤', '吨二氧化碳'];

function knownPart(part: string): boolean {
  const { base } = splitUnit(part);
  return base === '' ? splitUnit(part).power > 0 : BASES.includes(base) || EXTRA.includes(base);
}

/** A unit as typed → its stored form, or null for none; an unknown unit is refused naming the usual ones. */
export function checkUnit(raw: string | null): Checked<string | null> {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: null };
  const unit = ALIASES[text] ?? text;
  const parts = unit.split('/');
  if (parts.length <= 2 && parts.every((p) => p.trim() !== '' && knownPart(p.trim()))) return { ok: true, value: parts.map((p) => p.trim()).join('/') };
  return { ok: false, message: `“${text}”不是已知的计量单位（如 %、亿元、万人、家、个、项、个百分点，或 亿元/平方公里 这样的组合）` };
}
