/**
 * The characters no text in a plan may hold, whether typed (db/dispatch.ts refuses the whole request)
 * or imported from a spreadsheet (db/transfer/import reports the cell): NUL, where SQLite would cut
 * the text short, and the non-characters U+FFFE and U+FFFF, which XML cannot carry, so one of them
 * in a plan would make every workbook exported from it malformed. Lengths are the contract's own
 * schemas (MAX_TEXT, MAX_NAME in entities.ts). Pure.
 */
const FORBIDDEN = /[\u0000\uFFFE\uFFFF]/;

/** The name of the first forbidden character in `text` ("NUL", "U+FFFE", "U+FFFF"), or null. */
export function forbiddenCharacter(text: string): string | null {
  const m = FORBIDDEN.exec(text);
  if (!m) return null;
  return m[0] === '\u0000' ? 'NUL' : `U+${m[0].charCodeAt(0).toString(16).toUpperCase()}`;
}
