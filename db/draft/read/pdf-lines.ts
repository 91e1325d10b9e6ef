/**
 * Lines of a PDF page rebuilt from its text items (pdf.js getTextContent: each item a string with its
 * position). pdf.js gives items in content-stream order, which is not always reading order, and one
 * visual line may be several items (runs of another font, a table's cells). So: items are grouped into
 * lines by their baseline (within a third of the font size), lines go top to bottom, items in a line
 * left to right, and a space stands between two items that are apart by more than a fifth of the font
 * size (where the PDF drew a gap instead of a space character). Horizontal text only; pure.
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

export function rebuildLines(items: readonly PositionedText[]): string[] {
  const lines: Line[] = [];
  // Sorted by baseline from the top, then x: a line's items are then next to each other.
  const sorted = items.filter((i) => i.str !== '').slice().sort((a, b) => b.y - a.y || a.x - b.x);
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    const tolerance = Math.max(1, Math.min(item.size, last?.size ?? item.size) / 3);
    if (last && Math.abs(last.y - item.y) <= tolerance) last.items.push(item);
    else lines.push({ y: item.y, size: item.size, items: [item] });
  }
  return lines
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
