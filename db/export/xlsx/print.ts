/**
 * How a sheet prints, like a 台账 made in WPS: A4 landscape, body text in 宋体 at a readable size,
 * column widths that fit the page at no less than 9 pt, and row heights that fit their wrapped text
 * (a spreadsheet stores a row's height; neither LibreOffice nor Excel grows a row written without one
 * when the file is opened, so we compute it). Pure: widths in spreadsheet "characters" (the width of
 * the default font's digit, 7 px for Calibri 11), heights in points.
 *
 * Why computed here rather than measured: there is no font engine in the core; CJK text is set in
 * full-width characters (two "characters" of column width each at 11 pt, textWidth in layout.ts), so
 * counting them is close enough, and the estimate errs on the tall side (CAPACITY below).
 */
import { textWidth } from './layout.ts';

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
/** px of a column `w` characters wide (OOXML: Truncate(((256·w + Truncate(128/7))/256)·7) ≈ 7w + 5). */
const columnPx = (w: number) => Math.floor(w * 7 + 5);
/** Characters of column width that fit across one page at 100 %. */
export const PAGE_WIDTH_CHARS = Math.floor(((A4_LANDSCAPE_WIDTH_IN - MARGINS.left - MARGINS.right) * PX_PER_IN - 5) / 7) - 2;

export interface PrintColumn {
  width: number;
  /** narrowest the column may be made to fit the page (wrapping columns only) */
  minWidth?: number;
  wrap?: boolean;
  hidden?: boolean;
}

export interface PageFit {
  widths: number[];
  /** true: fit to one page wide (the scale stays ≥ MIN_SCALE); false: print at MIN_SCALE, several pages wide */
  fitToWidth: boolean;
}

/**
 * Widths that put the visible columns on one A4-landscape page at ≥ MIN_SCALE: wrapping columns give
 * up width first, in proportion to what they have above their minimum; what still does not fit
 * prints across pages at MIN_SCALE rather than shrinking the text.
 */
export function fitToPage(columns: readonly PrintColumn[]): PageFit {
  // Aimed a little above MIN_SCALE: LibreOffice measures a character a few per cent wider than Excel.
  const budget = Math.floor(PAGE_WIDTH_CHARS / ((MIN_SCALE + 4) / 100));
  const widths = columns.map((c) => c.width);
  const visible = (i: number) => !columns[i]?.hidden;
  const total = () => widths.reduce((s, w, i) => s + (visible(i) ? w : 0), 0);
  let over = total() - budget;
  if (over > 0) {
    const slack = columns.map((c, i) => (visible(i) && c.wrap ? Math.max(0, c.width - (c.minWidth ?? Math.min(c.width, 10))) : 0));
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

/** Line height (pt) of body text: Excel and WPS set 宋体 at 1.3 em (14.25 pt at 11 pt); LibreOffice's Noto CJK a little less. */
const LINE_PT = (pt: number) => pt * 1.3;
/** Share of a column's width a line of wrapped text fills before it breaks (word breaks, cell padding). */
const CAPACITY = 0.95;
/** Excel's largest row height. */
export const MAX_ROW_PT = 409;

/** Lines `text` takes in a column `width` characters wide at `pt` points (CJK = 2 characters at 11 pt). */
export function linesOf(text: string, width: number, pt = BODY_PT): number {
  const perLine = Math.max(1, ((columnPx(width) - 4) * CAPACITY) / ((pt * PX_PER_IN) / 72 / 2));
  let lines = 0;
  for (const line of text.split(/\r?\n/)) lines += Math.max(1, Math.ceil(textWidth(line) / perLine));
  return lines;
}

/** Height (pt) of a row whose cells hold `texts`, wrapped where the column wraps. */
export function rowHeight(texts: readonly (string | null)[], columns: readonly PrintColumn[], widths: readonly number[], pt = BODY_PT): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const c = columns[i];
    if (!t || !c || c.hidden) return;
    lines = Math.max(lines, c.wrap ? linesOf(t, widths[i] ?? c.width, pt) : t.split(/\r?\n/).length);
  });
  return Math.min(MAX_ROW_PT, Math.ceil(lines * LINE_PT(pt) + 4));
}
