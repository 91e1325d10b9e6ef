/** What reading a document gives the drafter: its lines, numbered, with the page each is on. */
export type DocumentFormat = 'text' | 'pdf' | 'docx';

export interface DocumentLine {
  /** the line's text: a text file's line as it is; a PDF line rebuilt from its items (a space where
   * items stand apart); a .docx paragraph, or a table row with its cells joined by a space */
  text: string;
  /** 1-based page of a PDF; null for text and .docx (a .docx has no fixed pages) */
  page: number | null;
  /** 1-based: the line of a text file (empty lines count, so it is the editor's line number); the
   * line within its page for a PDF; the paragraph or table row for a .docx */
  line: number;
}

export interface ReadDocument {
  fileName: string;
  format: DocumentFormat;
  /** in reading order; empty lines of a text file are kept (their numbers are the file's), a PDF
   * and a .docx have none */
  lines: DocumentLine[];
  /** how the text file was decoded ('utf-8', 'gb18030', 'utf-16le', 'utf-16be'); null for PDF and .docx */
  encoding: string | null;
  /** pages of a PDF; null otherwise */
  pages: number | null;
}
