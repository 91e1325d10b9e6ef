/**
 * The text of a .docx: word/document.xml read with the spreadsheet import's zip reader
 * (db/import/zip-parts.ts XlsxZip: yauzl inflating from the bytes in memory, saxes — a conforming
 * streaming XML parser that expands no DTD entities, so no "billion laughs"), with the same guards: the directory was
 * checked first (guards.ts checkDocument: entries, encryption, macros, claimed sizes), yauzl refuses a
 * part whose inflated size differs from the directory's, and every inflated byte is counted against
 * MAX_DOCX_INFLATED. Chosen over mammoth (jszip inflates whole parts with no limit, and it converts to
 * HTML, where we want lines).
 *
 * Lines: each paragraph of the body is a line (a soft line break <w:br/> starts another), each table row
 * is a line of its cells' texts joined by a space — as the gazette texts flatten tables. Tabs are kept;
 * deleted text of tracked changes, field codes and the fallback copy of alternate content are left out.
 */
import { PlanDeskError } from '../../errors.ts';
import { XlsxZip, localName } from '../../import/zip-parts.ts';
import { MAX_DOCX_INFLATED, MAX_LINES, MAX_LINE_CHARS, refuse, tooLargeInflated, tooManyLines } from './guards.ts';
import type { DocumentLine } from './types.ts';

function damaged(fileName: string, what: string): PlanDeskError {
  return refuse(`“${fileName}”已损坏或不是有效的 .docx 文档（${what.slice(0, 200)}），不能读取。`);
}

/** Collects lines from document.xml's elements (local names: w:p → p). */
class DocxLines {
  readonly lines: DocumentLine[] = [];
  private paragraphs: string[][] = []; // open paragraphs (a text box's paragraph sits inside another), each its pieces
  private rows: string[][] = []; // open table rows, each its cells
  private cells: string[][] = []; // open cells, each its paragraphs' texts
  private inText = false;
  private skip = 0; // inside deleted text, field codes or a fallback copy

  constructor(private readonly fileName: string) {}

  private emit(text: string): void {
    if (text.length > MAX_LINE_CHARS) throw refuse(`“${this.fileName}”中有一段超过 ${MAX_LINE_CHARS.toLocaleString('en')} 个字符，不像公文的文字，不读取。`);
    if (this.lines.length >= MAX_LINES) throw tooManyLines(this.fileName);
    this.lines.push({ text, page: null, line: this.lines.length + 1 });
  }

  /** A paragraph ends: in a cell its text joins the cell's, else it is a line (or several, at soft breaks). */
  private endParagraph(pieces: string[]): void {
    const text = pieces.join('');
    const cell = this.cells[this.cells.length - 1];
    if (cell && this.paragraphs.length === 0) {
      if (text.trim() !== '') cell.push(text.trim());
      return;
    }
    const outer = this.paragraphs[this.paragraphs.length - 1];
    if (outer) {
      // A text box's paragraph inside another paragraph: a line of its own, before the outer one ends.
      if (text.trim() !== '') this.emit(text);
      return;
    }
    for (const part of text.split('\n')) if (part.trim() !== '') this.emit(part);
  }

  private piece(s: string): void {
    const p = this.paragraphs[this.paragraphs.length - 1];
    if (p && this.skip === 0) p.push(s);
  }

  open(name: string, attrs: Record<string, string>): void {
    switch (name) {
      case 'delText':
      case 'instrText':
      case 'Fallback':
      case 'pPr': // a paragraph's properties: its tab stops are <w:tab/> too
        this.skip++;
        break;
      case 'p':
        this.paragraphs.push([]);
        break;
      case 't':
        this.inText = true;
        break;
      case 'tab':
        if (!this.inText) this.piece('\t');
        break;
      case 'br':
      case 'cr': {
        const type = Object.entries(attrs).find(([k]) => localName(k) === 'type')?.[1];
        if (type !== 'page' && type !== 'column') this.piece('\n');
        break;
      }
      case 'noBreakHyphen':
        this.piece('-');
        break;
      case 'tr':
        this.rows.push([]);
        break;
      case 'tc':
        this.cells.push([]);
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'delText':
      case 'instrText':
      case 'Fallback':
      case 'pPr':
        this.skip--;
        break;
      case 'p': {
        const pieces = this.paragraphs.pop();
        if (pieces) this.endParagraph(pieces);
        break;
      }
      case 't':
        this.inText = false;
        break;
      case 'tc': {
        const cell = this.cells.pop();
        const row = this.rows[this.rows.length - 1];
        const text = (cell ?? []).join(' ');
        // A table inside a cell: its rows' text becomes the outer cell's.
        if (row) row.push(text);
        break;
      }
      case 'tr': {
        const row = this.rows.pop() ?? [];
        const text = row.map((c) => c.trim()).filter((c) => c !== '').join(' ');
        const outerCell = this.cells[this.cells.length - 1];
        if (outerCell) {
          if (text !== '') outerCell.push(text);
        } else if (text !== '') this.emit(text);
        break;
      }
    }
  }

  text(t: string): void {
    if (this.inText) this.piece(t);
  }
}

/** The lines of a .docx (checked by guards.ts first), read through the workbook import's zip reader. */
export async function readDocxLines(input: Uint8Array, fileName: string): Promise<DocumentLine[]> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const zip = await XlsxZip.open(bytes, fileName, { damaged, maxInflated: MAX_DOCX_INFLATED, tooLarge: tooLargeInflated });
  const collector = new DocxLines(fileName);
  try {
    await zip.parse('word/document.xml', {
      open: (name, tag) => collector.open(name, tag.attributes),
      close: (name) => collector.close(name),
      text: (t) => collector.text(t),
    });
  } finally {
    zip.close();
  }
  return collector.lines;
}
