/**
 * A document's body as the outline its headings make: 一、 sections, （一） items, 1. items and ——
 * points, each with its lines joined into one text. Lines that hold a flattened table (tabs, or the
 * block after a 序号 … header) are left to tables.ts.
 */
import { joinLines, type DraftLine, type Joined } from './lines.ts';

export type Level = 1 | 2 | 3 | 4;

export interface Block {
  level: Level | 0;
  /** the numeral as written: 四, 一, 12 (none for level 0 and ——) */
  numeral: string;
  /** the heading's first sentence without its numeral ("增强渝西地区产业创研能力") */
  heading: string;
  /** the enclosing 一、 section and （一） item */
  section: { numeral: string; heading: string } | null;
  item: { numeral: string; heading: string } | null;
  joined: Joined;
}

const L1 = /^([一二三四五六七八九十]{1,3})、(.*)$/;
const L2 = /^[（(]([一二三四五六七八九十]{1,3})[）)](.*)$/;
const L3 = /^(\d{1,2})[．.、](?!\d)\s*(.*)$/;
const L4 = /^——(.*)$/;

export function headingOf(clean: string): { level: Level; numeral: string; rest: string } | null {
  let m = L1.exec(clean);
  if (m) return { level: 1, numeral: m[1] ?? '', rest: m[2] ?? '' };
  m = L2.exec(clean);
  if (m) return { level: 2, numeral: m[1] ?? '', rest: m[2] ?? '' };
  m = L3.exec(clean);
  if (m && Number(m[1]) > 0) return { level: 3, numeral: m[1] ?? '', rest: m[2] ?? '' };
  m = L4.exec(clean);
  if (m) return { level: 4, numeral: '', rest: m[1] ?? '' };
  return null;
}

export function firstSentence(s: string): string {
  const m = /^(.*?)[。：:]/.exec(s);
  return (m ? m[1] : s)?.trim() ?? '';
}

/** An annex heading line: 附件, 附件1, 附件：标题, 附件 ：标题 (as the texts write it). */
const ANNEX = /^\s*附件\s*\d{0,2}\s*(?:[：:]|$)/;

/** The body's blocks in order; `isTableLine(i)` marks lines that belong to a table. */
export function outline(lines: DraftLine[], isTableLine: (i: number) => boolean): Block[] {
  const blocks: Block[] = [];
  let section: Block['section'] = null;
  let item: Block['item'] = null;
  let cur: { level: Level | 0; numeral: string; heading: string; lines: DraftLine[]; section: Block['section']; item: Block['item'] } | null = null;
  const flush = () => {
    if (cur && cur.lines.length) blocks.push({ level: cur.level, numeral: cur.numeral, heading: cur.heading, section: cur.section, item: cur.item, joined: joinLines(cur.lines) });
    cur = null;
  };
  lines.forEach((l, i) => {
    if (isTableLine(i)) {
      flush();
      return;
    }
    // "附件：……" / "附件1" / "附件" alone: the annex's title is no part of the item before it (it used to end the
    // last task's text: 13号 七（三） "…（责任单位：…）附件：渝西地区先进制造业产业地图")
    if (ANNEX.test(l.clean)) {
      flush();
      section = { numeral: '附件', heading: l.clean.replace(ANNEX, '').trim() };
      item = null;
      cur = { level: 0, numeral: '', heading: '', lines: [l], section, item };
      return;
    }
    const h = headingOf(l.clean);
    if (h) {
      flush();
      const heading = firstSentence(h.rest);
      if (h.level === 1) {
        section = { numeral: h.numeral, heading };
        item = null;
      } else if (h.level === 2) item = { numeral: h.numeral, heading };
      cur = { level: h.level, numeral: h.numeral, heading, lines: [l], section, item };
      return;
    }
    if (!cur) cur = { level: 0, numeral: '', heading: '', lines: [], section, item };
    cur.lines.push(l);
  });
  flush();
  return blocks;
}
