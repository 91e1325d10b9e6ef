/**
 * CSV as Excel and WPS open it: UTF-8 with a byte-order mark (so Chinese is not garbled), RFC 4180
 * quoting, CRLF line ends, and text that would start a formula (= + - @, tab, CR) prefixed with an
 * apostrophe so no spreadsheet runs it. Reading undoes exactly that. Pure.
 */

import { parseDelimited } from '../../domain/delimited.ts';

export const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when a spreadsheet would read this text as the start of a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** Text made safe for a cell: "=1+1" → "'=1+1"; numbers such as "-13" are left alone. */
export function neutralise(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** Undoes neutralise() when reading back: "'=1+1" → "=1+1"; other text is unchanged. */
export function unneutralise(text: string): string {
  return text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}

export type CsvValue = string | number | boolean | null | undefined;

function field(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = neutralise(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV lines, each ended with CRLF (no BOM): for writing a long CSV a slice at a time. */
export function csvLines(rows: Iterable<readonly CsvValue[]>): string {
  let out = '';
  for (const r of rows) out += `${r.map(field).join(',')}\r\n`;
  return out;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(field).join(',')];
  for (const r of rows) lines.push(r.map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * CSV text → rows (domain/delimited.ts, the same parser as a paste); BOM and apostrophe guards
 * removed. `separator`: ',' (what the export writes), or '\t' / ';' for files other programs save.
 */
export function parseCsv(text: string, separator = ','): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  return parseDelimited(s, separator).map((row) => row.map(unneutralise));
}
