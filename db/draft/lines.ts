/**
 * The drafter's view of a document's text: the reader's lines (db/draft/read/, another helper's) cleaned
 * of the extraction's artefacts, and one joined string per block of lines with a map from each
 * character back to its line, so that every drafted value can quote the document verbatim and say
 * where it stands.
 *
 * Cleaning (the same as the curated seeds, seeds/README.md "抽取处理"): page furniture dropped (the
 * gazette's running head, "— 17 —" page numbers, markdown marks the extraction added), whitespace
 * inside Chinese text removed (kept between two ASCII letters/digits), half-width , ( ) : ; next to
 * Chinese turned into full-width, trailing U+FFFD (a cut line) dropped. Tabs are kept: they separate
 * the cells of a flattened table.
 */
/** A line as the reader gives it (db/draft/read/ readDocument: DocumentLine): page null for a text or .docx. */
export interface SourceLine {
  text: string;
  page: number | null;
  line: number;
}

export interface DraftLine extends SourceLine {
  /** the cleaned text */
  clean: string;
}

/** Hard bounds: a hostile file is refused or cut, never worked on for long. */
export const MAX_LINES = 200_000;
export const MAX_LINE_CHARS = 20_000;

const FURNITURE = [
  /^[—\-－–]+\s*\d+\s*[—\-－–]+$/,
  /^重庆市人民政府公报\s*\d{4}\s*年\s*第\s*\d+\s*期.*$/,
  /^-{3,}$/,
];

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef“”‘’—…·';
const SPACE_BETWEEN = new RegExp(`(?<=[${CJK}])[ \\u3000]+|[ \\u3000]+(?=[${CJK}])`, 'g');
const HALF: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；' };
const HALF_NEAR_CJK = new RegExp(`(?<=[${CJK}][\\s]*)[,():;]|[,():;](?=[\\s]*[${CJK}])`, 'g');

/** One cell's (or one line's) text as the seeds write it. */
export function cleanText(raw: string): string {
  let s = raw.replace(/\uFFFD+/g, '').replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
  s = s.replace(/^\s*#+\s*/, '').replace(/\*\*/g, '');
  s = s.replace(SPACE_BETWEEN, '');
  s = s.replace(HALF_NEAR_CJK, (c) => HALF[c] ?? c);
  s = s.replace(/(\d)\s*[:：]\s*(\d)/g, '$1:$2');
  s = s.replace(/\s{2,}/g, ' ');
  return s.trim();
}

export function cleanLine(raw: string): string {
  return raw
    .split('\t')
    .map(cleanText)
    .join('\t')
    .replace(/\t+$/, (m) => m);
}

/** The reader's lines → the drafter's lines (blank lines and page furniture dropped). */
export function draftLines(lines: readonly SourceLine[]): DraftLine[] {
  const out: DraftLine[] = [];
  for (const l of lines.slice(0, MAX_LINES)) {
    const text = l.text.length > MAX_LINE_CHARS ? l.text.slice(0, MAX_LINE_CHARS) : l.text;
    const trimmed = text.trim();
    if (trimmed === '' || FURNITURE.some((r) => r.test(trimmed))) continue;
    const clean = cleanLine(text);
    if (clean.replace(/\t/g, '') === '') continue;
    out.push({ text, page: l.page, line: l.line, clean });
  }
  return out;
}

/** A run of lines joined into one string (no separator: Chinese text wraps anywhere), with offsets back to the lines. */
export interface Joined {
  text: string;
  lines: DraftLine[];
  /** starts[i] = offset in `text` where lines[i] begins */
  starts: number[];
}

export function joinLines(lines: DraftLine[], sep = ''): Joined {
  const starts: number[] = [];
  let text = '';
  for (const l of lines) {
    if (text !== '') {
      // two ASCII words wrapped onto two lines keep a space
      const gap = sep === '' && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z]/.test(l.clean) ? ' ' : sep;
      text += gap;
    }
    starts.push(text.length);
    text += l.clean.replace(/\t/g, ' ');
  }
  return { text, lines, starts };
}

/** The line an offset of a joined text falls on. */
export function lineAt(j: Joined, offset: number): DraftLine | undefined {
  let lo = 0;
  let hi = j.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((j.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return j.lines[lo];
}
