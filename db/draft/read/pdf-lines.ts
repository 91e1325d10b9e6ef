/**
 * Lines of a PDF page rebuilt from its text items (pdf.js getTextContent: each item a string with its
 * position). pdf.js gives items in content-stream order, which is not always reading order, and one
 * visual line may be several items (runs of another font, a table's cells). So: items are grouped into
 * lines by their baseline (within a third of the font size), lines go top to bottom, items in a line
 * left to right, and a space stands between two items that are apart by more than a fifth of the font
 * size (where the PDF drew a gap instead of a space character). Horizontal text only; pure.
 *
 * Two columns (the gazette's own layout): a page whose text leaves a vertical gutter near its middle,
 * with the left column's lines running up to the gutter (justified text, not a table's cells), is read
 * column by column: between two full-width lines (a title across both columns), the left column's lines,
 * then the right's (twoColumns).
 */
export interface PositionedText {
  str: string;
  /** left edge and baseline (PDF user space: y grows upwards) */
  x: number;
  y: number;
  /** advance width of the string and the font size (the item's height) */
  width: number;
  size: number;
}

interface Line {
  y: number;
  size: number;
  items: PositionedText[];
}

/** The lines of a page `pageWidth` wide: column by column when it is set in two columns. */
export function rebuildPage(items: readonly PositionedText[], pageWidth: number): string[] {
  const gutter = twoColumns(items, pageWidth);
  if (!gutter) return rebuildLines(items);
  const [g0, g1] = gutter;
  // Across the gutter: a title over both columns. An item that only reaches into it (a full stop
  // hanging past the column's edge) belongs to the column it starts in.
  const spanning = new Set(items.filter((i) => i.x < g0 && i.x + i.width > g1));
  const middle = (g0 + g1) / 2;
  const tolerance = Math.max(1, Math.min(...[...spanning].map((i) => i.size)) / 3);
  // Bands between full-width lines, top to bottom; in each band the left column, then the right.
  const cuts: number[] = [];
  for (const y of [...spanning].map((i) => i.y).sort((a, b) => b - a)) if (!cuts.length || cuts[cuts.length - 1]! - y > tolerance) cuts.push(y);
  const out: string[] = [];
  const band = (top: number, bottom: number) => {
    const inBand = items.filter((i) => i.y < top && i.y > bottom);
    out.push(...rebuildLines(inBand.filter((i) => i.x < middle)), ...rebuildLines(inBand.filter((i) => i.x >= middle)));
  };
  let above = Infinity;
  for (const y of cuts) {
    band(above, y + tolerance);
    out.push(...rebuildLines(items.filter((i) => Math.abs(i.y - y) <= tolerance)));
    above = y - tolerance;
  }
  band(above, -Infinity);
  return out;
}

/**
 * The gutter [left, right] of a page set in two columns, or null. Conservative, so that a table whose
 * cells leave a gap down the page is not split: the gutter lies in the middle fifth of the page, is
 * 0.8–5 font sizes wide and crossed by at most a few items (full-width titles), each side holds at least
 * eight lines, and most lines of the left column end within two font sizes of the gutter.
 */
export function twoColumns(items: readonly PositionedText[], pageWidth: number): [number, number] | null {
  const text = items.filter((i) => i.str.trim() !== '');
  if (text.length < 16 || !(pageWidth > 0)) return null;
  const sizes = text.map((i) => i.size).sort((a, b) => a - b);
  const em = sizes[Math.floor(sizes.length / 2)]!;
  const lo = Math.floor(pageWidth * 0.4);
  const hi = Math.ceil(pageWidth * 0.6);
  const cover = new Array<number>(hi - lo + 1).fill(0);
  for (const i of text) {
    const a = Math.max(lo, Math.floor(i.x));
    const b = Math.min(hi, Math.ceil(i.x + i.width));
    for (let x = a; x <= b; x++) cover[x - lo]!++;
  }
  const allowed = Math.max(1, Math.floor(text.length * 0.03));
  let best: [number, number] | null = null;
  for (let x = 0; x < cover.length; ) {
    if (cover[x]! > allowed) {
      x++;
      continue;
    }
    let e = x;
    while (e + 1 < cover.length && cover[e + 1]! <= allowed) e++;
    if (!best || e - x > best[1] - best[0]) best = [x + lo, e + lo];
    x = e + 1;
  }
  if (!best) return null;
  const [g0, g1] = best;
  const width = g1 - g0;
  if (width < 0.8 * em || width > 5 * em) return null;
  const left = rebuildLineEnds(text.filter((i) => i.x + i.width <= g0 + 1));
  const right = rebuildLineEnds(text.filter((i) => i.x >= g1 - 1));
  if (left.length < 8 || right.length < 8) return null;
  const full = left.filter((end) => end >= g0 - 2 * em).length;
  return full >= left.length * 0.6 ? [g0, g1] : null;
}

/** The right edge of each line (grouped as rebuildLines groups them). */
function rebuildLineEnds(items: readonly PositionedText[]): number[] {
  return groupLines(items).map((l) => Math.max(...l.items.map((i) => i.x + i.width)));
}

function groupLines(items: readonly PositionedText[]): Line[] {
  const lines: Line[] = [];
  const sorted = items.filter((i) => i.str !== '').slice().sort((a, b) => b.y - a.y || a.x - b.x);
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    const tolerance = Math.max(1, Math.min(item.size, last?.size ?? item.size) / 3);
    if (last && Math.abs(last.y - item.y) <= tolerance) last.items.push(item);
    else lines.push({ y: item.y, size: item.size, items: [item] });
  }
  return lines;
}

export function rebuildLines(items: readonly PositionedText[]): string[] {
  // Sorted by baseline from the top, then x: a line's items are then next to each other.
  return groupLines(items)
    .map((line) => {
      const row = line.items.slice().sort((a, b) => a.x - b.x);
      let out = '';
      let end = -Infinity;
      for (const item of row) {
        const gap = item.x - end;
        if (out !== '' && gap > Math.max(item.size, 1) / 5 && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
        out += item.str;
        end = Math.max(end, item.x + item.width);
      }
      return out.replace(/\s+$/, '');
    })
    .filter((t) => t.trim() !== '');
}
