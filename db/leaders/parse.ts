/**
 * Reads 渝府办发〔2023〕27号 《市政府领导同志工作分工》 from a gazette text into leaders and their duties
 * (the seed builder's part for leaders: scripts/leaders-seed.ts writes seeds/leaders.json with it, and
 * tests/leaders/seed.test.ts holds the shipped file to what it reads from seeds/sources/, the committed copy of ../shared/seeds). Pure.
 *
 * What the document writes is kept: each duty's words (`verb`: 负责, 主持, 协助负责, 具体负责, 主管, 分管,
 * 联系, 协助市长联系) and its text as written; the number of the line it starts on and that line (or the
 * wrapped lines of its paragraph) verbatim. Only extraction artefacts are undone, as in the other seeds
 * (seeds/README.md): lines wrapped inside a paragraph are joined, the English " and " the extraction put
 * between Chinese words is written 和. Nothing the document says is corrected — 市政府研究室 is 主管 by the
 * 市长 and 联系 by the 秘书长, 应急管理和安全生产 is 负责 by two leaders: both stay.
 */

export type DutyKind = '负责' | '分管' | '联系';

export interface ParsedDuty {
  kind: DutyKind;
  verb: string;
  text: string;
  line: number;
  sourceText: string;
}

export interface ParsedLeader {
  name: string;
  title: string;
  line: number;
  duties: ParsedDuty[];
}

export interface ParsedLeaderDocument {
  docNumber: string;
  title: string;
  issuer: string;
  issueDate: string;
  line: number;
  leaders: ParsedLeader[];
}

/** The words a duty opens with, longest first, and the kind each is filed under. */
const VERBS: [string, DutyKind][] = [
  ['协助市长联系', '联系'],
  ['协助负责', '负责'],
  ['具体负责', '负责'],
  ['负责', '负责'],
  ['主持', '负责'],
  ['主管', '分管'],
  ['分管', '分管'],
  ['联系', '联系'],
];

const TITLE_LINE = /关于市政府领导同志工作分工的通知\s*$/;
const LEADER_LINE = /^(常务副市长|副市长|市长|秘书长)(\p{Script=Han}{2,4})\s+(.+)$/u;
const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const DOC_NUMBER = /^(\S+〔\d{4}〕\d+号)$/;
/** the gazette's imprint after the last document (主管单位：…): the end of the text */
const END_LINE = /^(主管单位|主办单位)：/;

function verbOf(clause: string): [string, DutyKind] | null {
  return VERBS.find(([v]) => clause.startsWith(v)) ?? null;
}

/** Splits on 、 outside brackets: “市发展改革委（市粮食局）、市财政局” → two names. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (ch === '、' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

function cleanText(s: string): string {
  return s
    .replace(/(\p{Script=Han})\s+and\s+(\p{Script=Han})/gu, '$1和$2')
    .replace(/(\p{Script=Han})\s+(\p{Script=Han})/gu, '$1$2')
    .trim();
}

interface Paragraph {
  line: number;
  raw: string[];
  text: string;
}

/** A paragraph's clauses (split at ；。 and at a ， that opens another duty), each with its verb. */
function clauses(text: string): { verb: string; kind: DutyKind; rest: string }[] {
  const out: { verb: string; kind: DutyKind; rest: string }[] = [];
  for (const sentence of text.split(/[；。]/)) {
    for (const part of sentence.split('，')) {
      const p = part.trim();
      if (!p) continue;
      const v = verbOf(p);
      const last = out.at(-1);
      if (v) out.push({ verb: v[0], kind: v[1], rest: p.slice(v[0].length) });
      else if (last) last.rest += `，${p}`;
      else out.push({ verb: '', kind: '负责', rest: p });
    }
  }
  return out;
}

function dutiesOf(p: Paragraph): ParsedDuty[] {
  const sourceText = p.raw.join('\n');
  const duties: ParsedDuty[] = [];
  for (const c of clauses(p.text)) {
    // a list of bodies is one duty per body; “联系人大、政协、民主党派和工商联工作” names areas of work: one duty
    const items = c.kind !== '负责' && !c.rest.endsWith('工作') ? splitList(c.rest) : [c.rest];
    for (const text of items) duties.push({ kind: c.kind, verb: c.verb, text, line: p.line, sourceText });
  }
  return duties;
}

/** Finds the 分工 notice in a gazette text (its lines, in order) and reads it; null when the text has none. */
export function parseLeaderDocument(lines: readonly string[]): ParsedLeaderDocument | null {
  const start = lines.findIndex((l) => TITLE_LINE.test(l.trim()));
  if (start < 0) return null;
  const title = lines[start]!.trim().replace(/\s+/g, '');
  let docNumber = '';
  let issuer = '';
  let issueDate = '';
  let i = start + 1;
  for (; i < lines.length && !issueDate; i++) {
    const l = lines[i]!.trim();
    const doc = DOC_NUMBER.exec(l);
    const date = DATE_LINE.exec(l);
    if (doc && !docNumber) docNumber = doc[1]!;
    else if (date) issueDate = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
    else if (/^重庆市人民政府(办公厅)?$/.test(l)) issuer = l;
  }
  const paragraphs: Paragraph[] = [];
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const l = raw.trim();
    if (!l) continue;
    if (END_LINE.test(l) || TITLE_LINE.test(l)) break;
    const last = paragraphs.at(-1);
    // a line that does not open a leader or a duty, after a paragraph that has not ended, is its wrapped rest
    if (last && !/[。]$/.test(last.text) && !LEADER_LINE.test(l) && !verbOf(l)) {
      last.raw.push(raw);
      last.text += l;
    } else paragraphs.push({ line: i + 1, raw: [raw], text: l });
  }
  const leaders: ParsedLeader[] = [];
  for (const p of paragraphs) {
    const m = LEADER_LINE.exec(p.text);
    if (m) {
      leaders.push({ title: m[1]!, name: m[2]!, line: p.line, duties: dutiesOf({ ...p, text: cleanText(m[3]!) }) });
    } else if (leaders.length && verbOf(p.text)) {
      leaders.at(-1)!.duties.push(...dutiesOf({ ...p, text: cleanText(p.text) }));
    }
    // the lines before the first leader (the 组织法 sentence, the heading) are no duty of anyone
  }
  return { docNumber, title, issuer, issueDate, line: start + 1, leaders };
}
