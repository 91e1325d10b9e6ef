/**
 * Where a value's quote stands in the document's lines, for the review screen's source pane: the
 * quote starts on its source line and may run over the following lines (Chinese text wraps anywhere;
 * the drafter joins lines without a separator). Whitespace is ignored on both sides (a table flattened
 * into space-separated cells, two ASCII words joined with a space). Pure, no DOM: unit-tested.
 */
import type { DraftLineOut, DraftSource } from '../../../../contract/ops/draft.ts';

/** How far after its first line a quote is looked for. */
const WINDOW = 120;

export interface Highlight {
  /** index in the lines of the first line highlighted (the one scrolled into view) */
  first: number;
  /** per line index, the highlighted character range [from, to) */
  ranges: Map<number, [number, number]>;
}

/** The line a source names (page and line), or -1. */
export function lineIndex(lines: readonly DraftLineOut[], s: Pick<DraftSource, 'page' | 'line'>): number {
  return lines.findIndex((l) => l.line === s.line && (s.page === null || l.page === null || l.page === s.page));
}

export function highlight(lines: readonly DraftLineOut[], s: Pick<DraftSource, 'page' | 'line' | 'quote'>): Highlight | null {
  const start = lineIndex(lines, s);
  if (start < 0) return null;
  // the lines from the source line on, without whitespace, each character mapped back to (line, offset)
  const at: Array<[number, number]> = [];
  let text = '';
  for (let i = start; i < Math.min(lines.length, start + WINDOW); i++) {
    const l = lines[i]?.text ?? '';
    for (let k = 0; k < l.length; k++) {
      const ch = l[k] ?? '';
      if (/\s/.test(ch)) continue;
      text += ch;
      at.push([i, k]);
    }
  }
  const quote = s.quote.replace(/\s+/g, '');
  const from = quote ? text.indexOf(quote) : -1;
  const ranges = new Map<number, [number, number]>();
  if (from < 0) {
    // the quote not found as it stands: the source line as a whole
    ranges.set(start, [0, lines[start]?.text.length ?? 0]);
    return { first: start, ranges };
  }
  for (let p = from; p < from + quote.length; p++) {
    const [i, k] = at[p] ?? [start, 0];
    const r = ranges.get(i);
    ranges.set(i, r ? [r[0], k + 1] : [k, k + 1]);
  }
  return { first: at[from]?.[0] ?? start, ranges };
}
