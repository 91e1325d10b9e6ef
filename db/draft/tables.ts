/**
 * Tables the extraction flattened, rebuilt into rows:
 * - tab tables (a header line with 序号 and the column names, cells separated by tabs), repeated
 *   headers at page breaks skipped, group rows (一、… / （一）…) kept as the rows' section, a row cut
 *   by a page break joined back;
 * - wrapped tables (the columns printed one under another, one cell spread over several short lines:
 *   渝快码's 序号 工作任务 场景说明 责任单位 完成时限), rows found by their running number and the
 *   deadline that ends them;
 * - indicator tables (专栏: 指标类别 指标名称 指标属性 2020年现状 2025年目标 绝对值 年均增速).
 */
import type { DraftLine } from './lines.ts';
import { joinLines, type Joined } from './lines.ts';

export type Column = 'number' | 'title' | 'description' | 'lead' | 'participating' | 'deadline';

export interface TableRow {
  cells: Partial<Record<Column, string>>;
  section: string | null;
  subsection: string | null;
  joined: Joined;
}

export interface TaskTable {
  columns: Column[];
  /** header words of the lead column (牵头单位, 责任单位, 承办单位) */
  leadHeader: string;
  rows: TableRow[];
  /** the doc line indices the table covers */
  covered: Set<number>;
}

const COLUMN_WORDS: [RegExp, Column][] = [
  [/^序号$/, 'number'],
  [/^(试点任务|工作任务|决策事项|重点任务|任务|主要任务|事项)$/, 'title'],
  [/^(场景说明|具体内容|工作内容|说明)$/, 'description'],
  [/^(牵头单位|责任单位|承办单位|牵头部门|责任部门)$/, 'lead'],
  [/^(配合单位|参与单位|协办单位|配合部门)$/, 'participating'],
  [/^(完成时限|决策时间|完成时间|时间节点|时限)$/, 'deadline'],
];

function columnOf(word: string): Column | null {
  const w = word.replace(/\s+/g, '');
  return COLUMN_WORDS.find(([r]) => r.test(w))?.[1] ?? null;
}

const GROUP = /^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/;

/**
 * The lines of one table from line `from` on (both kinds of table): `take` takes a line into the
 * table (true: a row's line or the header repeated after a page break, covered by the table) or ends
 * it (false). The last row is flushed; answers the first line after the table.
 */
function tableRows(lines: DraftLine[], from: number, table: TaskTable, flush: () => void, take: (l: DraftLine) => boolean): number {
  let j = from;
  for (; j < lines.length; j++) {
    const l = lines[j];
    if (!l || !take(l)) break;
    table.covered.add(j);
  }
  flush();
  return j;
}

/** Tab tables of a document. */
export function tabTables(lines: DraftLine[]): TaskTable[] {
  const tables: TaskTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const cells = (lines[i]?.clean ?? '').split('\t');
    const cols = cells.map(columnOf);
    if (!(cells.length >= 3 && cols[0] === 'number' && cols.includes('title'))) {
      i++;
      continue;
    }
    const columns = cols.map((c) => c ?? 'description');
    const headerKey = lines[i]?.clean ?? '';
    const table: TaskTable = { columns, leadHeader: cells[cols.indexOf('lead')] ?? '', rows: [], covered: new Set([i]) };
    let section: string | null = null;
    let subsection: string | null = null;
    let cur: { cells: string[]; lines: DraftLine[] } | null = null;
    let merged: { number: string; count: number } | null = null;
    const flush = () => {
      if (!cur) return;
      const row: TableRow = { cells: {}, section, subsection, joined: joinLines(cur.lines) };
      cur.cells.forEach((c, k) => {
        const col = columns[k];
        if (col && c.trim()) row.cells[col] = row.cells[col] ? `${row.cells[col]}${c.trim()}` : c.trim();
      });
      table.rows.push(row);
      cur = null;
    };
    const j = tableRows(lines, i + 1, table, flush, (l) => {
      const clean = l.clean;
      if (clean === headerKey) return true;
      const parts = clean.split('\t');
      const first = (parts[0] ?? '').trim();
      const rest = parts[0]?.trim() === '' ? parts.slice(1) : parts;
      if (/^\d{1,4}$/.test(first) && parts.length >= 2) {
        flush();
        cur = { cells: parts, lines: [l] };
        merged = null;
      } else if (cur !== null && columns[0] === 'number' && (cur as { cells: string[] }).cells.length === columns.length && rest.length === columns.length - 1 && rest.every((p) => p.trim() !== '') && !/^\d{1,4}$/.test(first)) {
        // a whole row under a merged 序号 cell (79号 目录 序号 1 spans 19 plans): rows n-1, n-2, …
        const c: { cells: string[]; lines: DraftLine[] } = cur;
        const n: { number: string; count: number } = merged ?? { number: (c.cells[0] ?? '').trim(), count: 1 };
        flush();
        if (n.count === 1) {
          const prev = table.rows.at(-1);
          if (prev) prev.cells.number = `${n.number}-1`;
        }
        n.count++;
        merged = n;
        cur = { cells: [`${n.number}-${n.count}`, ...rest], lines: [l] };
      } else if (parts.length >= 2 && GROUP.test(first) && parts.slice(1).every((p) => p.trim() === '')) {
        flush();
        if (/^[一二三四五六七八九十]/.test(first)) {
          section = first;
          subsection = null;
        } else subsection = first;
      } else if (cur !== null && (parts.length >= 2 || ((cur as { cells: string[] }).cells.length < columns.length && !GROUP.test(first)))) {
        // a row cut by a page break: its first part continues the last cell
        const c: { cells: string[]; lines: DraftLine[] } = cur;
        const last = c.cells.length - 1;
        c.cells[last] = `${c.cells[last] ?? ''}${parts[0] ?? ''}`;
        c.cells.push(...parts.slice(1));
        c.lines.push(l);
      } else return false;
      return true;
    });
    tables.push(table);
    i = j;
  }
  return tables;
}

const DEADLINE_END = /((?:\d{4}年(?:\d{1,2}月)?(?:底|前|年底)?)|(?:长期|持续推进|常态化))$/;

/** Wrapped tables: header "序号 工作任务 场景说明 责任单位 完成时限" written without tabs. */
export function wrappedTables(lines: DraftLine[], taken: Set<number>): TaskTable[] {
  const tables: TaskTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (taken.has(i)) continue;
    const flat = (lines[i]?.clean ?? '').replace(/\s+/g, '');
    if (!/^序号/.test(flat) || flat.includes('\t')) continue;
    // the header's words in order
    const words: Column[] = [];
    let rest = flat.slice(2);
    words.push('number');
    while (rest) {
      const hit = COLUMN_WORDS.map(([r, c]) => {
        const m = new RegExp(`^${r.source.slice(1, -1)}`).exec(rest);
        return m ? { len: m[0].length, c } : null;
      }).find((x) => x);
      if (!hit) break;
      words.push(hit.c);
      rest = rest.slice(hit.len);
    }
    if (rest !== '' || !words.includes('deadline') || !words.includes('lead')) continue;
    const table: TaskTable = { columns: words, leadHeader: '责任单位', rows: [], covered: new Set([i]) };
    let expected = 1;
    let cur: DraftLine[] | null = null;
    const flush = () => {
      if (cur && cur.length) table.rows.push(wrappedRow(cur, words));
      cur = null;
    };
    const j = tableRows(lines, i + 1, table, flush, (l) => {
      const c = l.clean.replace(/\s+/g, '');
      if (c === flat) return true;
      if (/^[*＊注]/.test(c) && cur === null) return false;
      const m = /^(\d{1,3})(?=[\s\u4e00-\u9fa5“]|$)/.exec(l.clean);
      if (m && Number(m[1]) === expected && (cur === null || DEADLINE_END.test(cur.map((x) => x.clean.replace(/\s+/g, '')).join('')))) {
        flush();
        expected++;
        cur = [l];
      } else if (cur) {
        if (/^[*＊]/.test(c)) return false;
        cur.push(l);
      } else return false;
      return true;
    });
    tables.push(table);
    i = j;
  }
  return tables;
}

function wrappedRow(rowLines: DraftLine[], _words: Column[]): TableRow {
  const joined = joinLines(rowLines);
  const first = rowLines[0]?.clean ?? '';
  const number = /^(\d{1,3})/.exec(first)?.[1] ?? '';
  // title: what follows the number on its line, then short lines (a narrow column) up to the description
  const titleParts: string[] = [];
  const afterNumber = first.replace(/^\d{1,3}\s*/, '');
  if (afterNumber) titleParts.push(afterNumber);
  else {
    for (let k = 1; k < Math.min(rowLines.length, 4); k++) {
      const t = rowLines[k]?.clean.replace(/\s+/g, '') ?? '';
      if (t.length > 8) break;
      titleParts.push(t);
    }
  }
  const all = joined.text.replace(/\s+/g, '');
  const title = titleParts.join('').replace(/\s+/g, '');
  let body = all.slice(number.length);
  if (body.startsWith(title)) body = body.slice(title.length);
  const dm = DEADLINE_END.exec(body);
  const deadline = dm?.[1] ?? '';
  body = deadline ? body.slice(0, body.length - deadline.length) : body;
  const cut = body.lastIndexOf('。');
  const description = cut >= 0 ? body.slice(0, cut + 1) : '';
  const lead = cut >= 0 ? body.slice(cut + 1) : body;
  return { cells: { number, title, description, lead, deadline }, section: null, subsection: null, joined };
}

export interface IndicatorRow {
  category: string | null;
  name: string;
  nameCell: string;
  unit: string | null;
  attribute: '预期性' | '约束性' | null;
  baseline: string | null;
  target: string | null;
  growth: string | null;
  joined: Joined;
}

export interface IndicatorTable {
  title: string;
  baselineYear: number | null;
  targetYear: number | null;
  rows: IndicatorRow[];
  covered: Set<number>;
}

/** 专栏 indicator tables: 指标类别 / 指标名称 / 指标属性 / <year>年现状 / <year>年目标 (绝对值, 年均增速). */
export function indicatorTables(lines: DraftLine[]): IndicatorTable[] {
  const out: IndicatorTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cells = (lines[i]?.clean ?? '').split('\t').map((c) => c.replace(/\s+/g, ''));
    const nameCol = cells.findIndex((c) => /^指标(名称)?$/.test(c));
    if (nameCol < 0 || !cells.some((c) => /目标/.test(c))) continue;
    const catCol = cells.findIndex((c) => /^指标类别$|^类别$/.test(c));
    const attrCol = cells.findIndex((c) => /属性/.test(c));
    const baseCol = cells.findIndex((c) => /现状|基期|基数/.test(c));
    const targetCol = cells.findIndex((c) => /目标/.test(c));
    const baselineYear = Number(/(\d{4})/.exec(cells[baseCol] ?? '')?.[1]) || null;
    const targetYear = Number(/(\d{4})/.exec(cells[targetCol] ?? '')?.[1]) || null;
    const title = /^专栏\s*\d+\s*(.*)$/.exec(lines[i - 1]?.clean ?? '')?.[0] ?? '';
    const table: IndicatorTable = { title, baselineYear, targetYear, rows: [], covered: new Set([i]) };
    let category: string | null = null;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (!l || !l.clean.includes('\t')) break;
      const cs = l.clean.split('\t').map((c) => c.trim());
      table.covered.add(j);
      if (cs.every((c, k) => c === '' || /绝对值|年均|增速|累计/.test(c) || k < 2)) {
        if (!cs[nameCol]) continue;
      }
      const nameCell = cs[nameCol] ?? '';
      if (!nameCell) continue;
      if (catCol >= 0 && cs[catCol]) category = cs[catCol] ?? null;
      const m = /^(?:其中[：:])?(.*?)(?:[（(]([^（()）]+)[)）])?$/.exec(nameCell);
      const attr = cs[attrCol] ?? '';
      table.rows.push({
        category,
        name: m?.[1] ?? nameCell,
        nameCell,
        unit: m?.[2] ?? null,
        attribute: attr === '预期性' || attr === '约束性' ? attr : null,
        baseline: baseCol >= 0 ? (cs[baseCol] ?? null) : null,
        target: cs[targetCol] ?? null,
        growth: cs[targetCol + 1] ?? null,
        joined: joinLines([l]),
      });
    }
    out.push(table);
    i = j - 1;
  }
  return out;
}
