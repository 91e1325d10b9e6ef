/**
 * Delimited text as Excel and WPS write it — the clipboard (tab-separated) and CSV files (comma,
 * tab or semicolon): rows end with CR LF, LF or CR; a cell that starts with a quote runs to the
 * closing quote ("" inside is one quote) and may hold separators and line breaks. A quote that does
 * not close a well-formed quoted cell (text follows it before the next separator) is taken
 * literally, as Excel does when it pastes. One parser for the renderer's paste and the core's CSV
 * import. Ours rather than a package: it is small, it must run unchanged on both sides (no Node, no
 * DOM), and Excel's literal-quote rule is not what RFC 4180 parsers do. Pure.
 */

/** The rows of `text`, cells split at `separator`; no padding, no trimming. */
export function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let atCellStart = true;
  const s = text.replace(/\r\n?/g, '\n');
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (atCellStart && ch === '"') {
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < s.length) {
        const q = s.indexOf('"', j);
        if (q < 0) {
          j = s.length;
          break;
        }
        value += s.slice(j, q);
        if (s[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        closed = true;
        j = q + 1;
        break;
      }
      const next = s[j];
      if (closed && (next === undefined || next === separator || next === '\n')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: take the quote literally.
    }
    if (ch === separator) {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
      atCellStart = false;
    }
    i++;
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
