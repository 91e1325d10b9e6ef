/**
 * How a sheet prints, like a 台账 made in WPS: A4 landscape, body text in 宋体 at a readable size,
 * column widths that fit the page at no less than 9 pt, and row heights that fit their wrapped text
 * (a spreadsheet stores a row's height; neither LibreOffice nor Excel grows a row written without one
 * when the file is opened, so we compute it). Pure: widths in spreadsheet "characters" (the width of
 * the default font's digit, 7 px for Calibri 11), heights in points.
 *
 * Why computed here rather than measured: there is no font engine in the core; the lines are counted
 * by setting the text greedily with the character widths LibreOffice uses (see LINE_EM below), which
 * tests/export/print-fit.test.ts holds to the printed pages (no row clipped, little to spare).
 */

/** The fonts the xlsx names; LibreOffice on a machine without them falls back to Noto Serif/Sans CJK. */
export const FONT = { body: '宋体', heading: '黑体', note: '仿宋' } as const;
/** Body text size (pt): 五号 is 10.5; 11 keeps ≥ 9 pt on paper down to a scale of 82 %. */
export const BODY_PT = 11;
export const TITLE_PT = 16;
/** The smallest text size on paper (pt): a sheet is never scaled below BODY_PT → MIN_PRINTED_PT. */
export const MIN_PRINTED_PT = 9;
export const MIN_SCALE = Math.ceil((MIN_PRINTED_PT / BODY_PT) * 100); // 82 %

/** Page margins (inches), as written into the page setup. */
export const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } as const;
const A4_LANDSCAPE_WIDTH_IN = 11.69;
const PX_PER_IN = 96;
/** Characters of column width that fit across one page at 100 %. */
export const PAGE_WIDTH_CHARS = Math.floor(((A4_LANDSCAPE_WIDTH_IN - MARGINS.left - MARGINS.right) * PX_PER_IN - 5) / 7) - 2;

export interface PrintColumn {
  width: number;
  /** narrowest the column may be made to fit the page (wrapping columns only) */
  minWidth?: number;
  wrap?: boolean;
  hidden?: boolean;
  /** the longest text of the column (of the sampled rows): the page fit keeps it within MAX_ROW_PT */
  longest?: string;
}

export interface PageFit {
  widths: number[];
  /** true: fit to one page wide (the scale stays ≥ MIN_SCALE); false: print at MIN_SCALE, several pages wide */
  fitToWidth: boolean;
}

/**
 * The narrowest a wrapping column may become: its minimum, or wider where its longest text would
 * otherwise need a row taller than Excel allows (the end of the text would be cut off on paper).
 */
function narrowest(c: PrintColumn): number {
  const min = c.minWidth ?? Math.min(c.width, 10);
  if (!c.longest) return min;
  let w = Math.min(min, c.width);
  while (w < c.width && heightOf(lineHeights(c.longest, w, BODY_PT).reduce((a, b) => a + b, 0), BODY_PT) >= MAX_ROW_PT) w += 0.5;
  return w;
}

/**
 * Widths that put the visible columns on one A4-landscape page at ≥ MIN_SCALE: wrapping columns give
 * up width first, in proportion to what they have above their minimum; what still does not fit
 * prints across pages at MIN_SCALE rather than shrinking the text.
 */
export function fitToPage(columns: readonly PrintColumn[]): PageFit {
  // Aimed above MIN_SCALE: LibreOffice measures a column a few per cent wider than Excel (7.43 px per
  // character, print.ts below), and its fit-to-width picks a whole per cent, lower with tall rows
  // (measured: 81 % for a sheet that would fit at 83 %).
  const budget = Math.floor(PAGE_WIDTH_CHARS / ((MIN_SCALE + 7) / 100));
  const widths = columns.map((c) => c.width);
  const visible = (i: number) => !columns[i]?.hidden;
  const total = () => widths.reduce((s, w, i) => s + (visible(i) ? w : 0), 0);
  let over = total() - budget;
  if (over > 0) {
    const slack = columns.map((c, i) => (visible(i) && c.wrap ? Math.max(0, c.width - narrowest(c)) : 0));
    const slackSum = slack.reduce((a, b) => a + b, 0);
    if (slackSum > 0) {
      const take = Math.min(over, slackSum);
      columns.forEach((c, i) => {
        const s = slack[i] ?? 0;
        if (s > 0) widths[i] = Math.max(c.width - s, Math.floor((c.width - (take * s) / slackSum) * 10) / 10);
      });
    }
    over = total() - budget;
  }
  return { widths, fitToWidth: over <= 0 };
}

/**
 * How the text of a wrapped cell is set on paper, measured on LibreOffice 7 (headless, this repository's
 * print tests) with the fonts a Linux machine has for the names we write: 宋体/黑体 → Noto Sans/Serif CJK
 * for the CJK glyphs, Latin letters and digits from the fallback sans (DejaVu Sans), columns measured in
 * Carlito's digit (metric-compatible with Calibri, the workbook's default font; without it LibreOffice
 * measures in DejaVu Sans's wider digit and the whole sheet prints at 66 %). Excel and WPS set 宋体
 * 1.3 em high and at most as wide, so a row that fits LibreOffice fits them too (about 10 % to spare).
 *
 * - line pitch: 1.463 em for a line holding CJK (Noto CJK's ascent + descent + LibreOffice's leading),
 *   1.165 em for a line of Latin text only (DejaVu Sans);
 * - a column `w` characters wide is w × 7.43 px (Carlito 11 pt), less about 8 px of cell padding;
 * - a CJK or full-width character is 1 em wide; Latin letters, digits and signs as wide as DejaVu
 *   Sans sets them (LATIN_EM, in five classes); lines break at any CJK character and at spaces and
 *   after "/" between Latin words (LibreOffice applies no kinsoku here: a line may begin with 、 or ，).
 */
const CJK_LINE_EM = 1.463;
const LATIN_LINE_EM = 1.165;
const COLUMN_PX_PER_CHAR = 7.43;
const CELL_PADDING_PX = 8;
/** Space above and below the lines of a row (pt at 100 %). */
const ROW_PADDING_PT = 3;
/** Advance widths (em) of DejaVu Sans, rounded to a tenth; anything not listed is 0.6. */
const LATIN_EM: readonly [string, number][] = [
  [" ijlIJ',./:;\\|", 0.32],
  ['frt!()-[]', 0.4],
  ['csz"*?_`', 0.52],
  ['ABCKNRUVXZ', 0.7],
  ['wDGHOQ#&+<=>^~', 0.8],
  ['M', 0.87],
  ['mW%@', 1],
  // set from the CJK font beside CJK text (LibreOffice gives these "weak" characters their neighbours' script)
  ['—…“”‘’·', 1],
];
/** Excel's largest row height. */
export const MAX_ROW_PT = 409;

/** CJK and full-width characters (as layout.ts textWidth counts them double), by code point. */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000
  );
}
/** Widths (em) by code point below 0x2100 (Latin, signs, punctuation); 0.6 where not listed. */
const NARROW_EM = new Map<number, number>(LATIN_EM.flatMap(([chars, em]) => [...chars].map((c): [number, number] => [c.codePointAt(0) ?? 0, em])));
const SLASH = 0x2f;

/** Width (em) of one character (code point) as set in a cell. */
function charEm(c: number): number {
  if (isWide(c)) return 1;
  if (c === 0x09) return 0.32;
  return NARROW_EM.get(c) ?? 0.6;
}

/** The text area of a column `width` characters wide, in em of a `pt`-point font. */
function lineEm(width: number, pt: number): number {
  return Math.max(1, (width * COLUMN_PX_PER_CHAR - CELL_PADDING_PX) / ((pt * PX_PER_IN) / 72));
}

/**
 * The lines one paragraph (no line breaks) takes when set greedily into lines `room` em wide, as their
 * heights in em. One pass over the characters, no regular expressions: a 100,000-row export sets
 * every wrapped cell. A Latin word (a run without spaces, ending after "/") stays whole unless it is
 * longer than a line, then it is cut where the line is full.
 */
function paragraphLines(text: string, room: number, out: number[]): void {
  let cjk = false;
  let used = 0;
  let word = 0;
  const eps = 1e-9;
  const newLine = () => {
    out.push(cjk ? CJK_LINE_EM : LATIN_LINE_EM);
    cjk = false;
    used = 0;
  };
  const placeWord = () => {
    if (word === 0) return;
    if (used + word > room + eps) {
      if (used > 0 && word <= room) newLine();
      else
        while (used + word > room + eps) {
          word -= room - used;
          newLine();
        }
    }
    used += word;
    word = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i) ?? 0;
    if (c > 0xffff) i++;
    if (isWide(c)) {
      placeWord();
      if (used + 1 > room + eps && used > 0) newLine();
      used += 1;
      cjk = true;
    } else if (c === 0x20 || c === 0x09 || c === 0xa0) {
      placeWord();
      used += charEm(c); // spaces at the end of a line hang in the margin
    } else {
      word += charEm(c);
      if (c === SLASH) placeWord();
    }
  }
  placeWord();
  out.push(cjk ? CJK_LINE_EM : LATIN_LINE_EM);
}

/** The heights (em) of the lines `text` takes in a column `width` characters wide at `pt` points. */
function lineHeights(text: string, width: number, pt: number): number[] {
  const room = lineEm(width, pt);
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) paragraphLines(line, room, out);
  return out;
}

/** Lines `text` takes in a column `width` characters wide at `pt` points. */
export function linesOf(text: string, width: number, pt = BODY_PT): number {
  return lineHeights(text, width, pt).length;
}

/** Height (pt) of lines `em` em high in all at `pt` points, with the row's padding. */
function heightOf(em: number, pt: number): number {
  return Math.min(MAX_ROW_PT, Math.ceil((em * pt + ROW_PADDING_PT) * 4) / 4);
}

/** Height (pt) of a row of `lines` lines of CJK text at `pt` points. */
export function linesHeight(lines: number, pt = BODY_PT): number {
  return heightOf(lines * CJK_LINE_EM, pt);
}

/** Height (pt) of a row whose cells hold `texts`, wrapped where the column wraps (one line at least). */
export function rowHeight(texts: readonly (string | null)[], columns: readonly PrintColumn[], widths: readonly number[], pt = BODY_PT): number {
  let em = CJK_LINE_EM;
  texts.forEach((t, i) => {
    const c = columns[i];
    if (!t || !c || c.hidden) return;
    const lines = c.wrap ? lineHeights(t, widths[i] ?? c.width, pt) : t.split(/\r?\n/).map(() => CJK_LINE_EM);
    em = Math.max(em, lines.reduce((a, b) => a + b, 0));
  });
  return heightOf(em, pt);
}
