/**
 * Responsibility clauses of numbered tasks: "（责任单位：市经济信息委牵头，市发展改革委、市科技局等市级有关
 * 部门参与，江津区、合川区…政府具体落实）", "（牵头单位：市科技局；责任单位：市教委、市国资委等）",
 * "（市政府办公厅、市大数据发展局牵头，市级有关部门配合）" → lead, participating, districts.
 */
import { splitList } from './names.ts';

export interface Clause {
  start: number;
  end: number;
  lead: string[];
  participating: string[];
  districts: string[];
  /** "以下各项任务均需有关区政府具体落实": the districts go with every later task */
  carriesDistricts: boolean;
}

const OPEN = '（(〔';
const CLOSE = '）)〕';

/** The bracketed groups of a text that read as responsibility clauses. */
export function findClauses(text: string): Clause[] {
  const out: Clause[] = [];
  for (let i = 0; i < text.length && out.length < 50; i++) {
    if (!OPEN.includes(text[i] ?? '')) continue;
    let depth = 0;
    let j = i;
    for (; j < text.length && j - i < 2000; j++) {
      if (OPEN.includes(text[j] ?? '')) depth++;
      else if (CLOSE.includes(text[j] ?? '')) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) continue;
    const inner = text.slice(i + 1, j).trim();
    const labelled = /^(责任单位|牵头单位|责任部门|牵头部门)\s*[：:]/.test(inner);
    const bare = /^(市|重庆|各区县|人行|国家|两江|西部)/.test(inner) && /(牵头|负责|参与|配合|落实)/.test(inner) && !/。/.test(inner.replace(/。$/, ''));
    if (!labelled && !bare) continue;
    out.push({ start: i, end: j + 1, ...parseClause(inner) });
    i = j;
  }
  return out;
}

function names(part: string): string[] {
  const m = /^(.*?)等(市级有关部门|有关部门|市级相关部门)?$/.exec(part);
  const list = splitList(m ? (m[1] ?? '') : part, '、');
  if (m?.[2]) list.push(m[2]);
  return list.map((n) => n.replace(/等$/, '').trim()).filter((n) => n !== '');
}

export function parseClause(inner: string): Omit<Clause, 'start' | 'end'> {
  const lead: string[] = [];
  const participating: string[] = [];
  const districts: string[] = [];
  const loose: string[] = [];
  let carriesDistricts = false;
  const body = inner.replace(/[（(]以下(统称|简称)[^）)]*[）)]/g, '').replace(/[。]$/, '');
  const labelledParts = body.split(/[；;]/);
  const labelled = labelledParts.length > 1 && labelledParts.every((p) => /^(牵头单位|责任单位|配合单位|牵头部门|责任部门)\s*[：:]/.test(p.trim()));
  if (labelled) {
    for (const p of labelledParts) {
      const [, label = '', rest = ''] = /^(\S+?)\s*[：:](.*)$/.exec(p.trim()) ?? [];
      for (const part of splitList(rest, '，,')) (label.startsWith('牵头') ? lead : participating).push(...names(part));
    }
    return { lead, participating, districts, carriesDistricts };
  }
  const text = body.replace(/^(责任单位|牵头单位|责任部门|牵头部门)\s*[：:]\s*/, '');
  const leadLabel = /^(牵头单位|牵头部门)/.test(body);
  for (const sentence of text.split(/。/)) {
    if (/^以下各项任务/.test(sentence)) {
      carriesDistricts = true;
      continue;
    }
    for (const rawPart of splitList(sentence, '，,；;')) {
      const part = rawPart.trim();
      let m: RegExpExecArray | null;
      if (/^以下各项任务/.test(part)) {
        carriesDistricts = true;
        continue;
      }
      if (/^不再重复列出$/.test(part)) continue;
      if ((m = /^(.*?)(?:政府)?具体落实$/.exec(part))) districts.push(...names((m[1] ?? '').replace(/政府$/, '')));
      else if ((m = /^(.*?)牵头(负责)?$/.exec(part))) lead.push(...names(m[1] ?? ''));
      else if ((m = /^(.*?)(参与|配合|协助|按职责分工负责|按职责负责|负责)$/.exec(part))) participating.push(...names(m[1] ?? ''));
      else loose.push(...names(part));
    }
  }
  if (lead.length === 0 && !leadLabel) return { lead: [...participating, ...loose], participating: [], districts, carriesDistricts };
  if (leadLabel) lead.push(...loose);
  else participating.push(...loose);
  return { lead, participating, districts, carriesDistricts };
}
