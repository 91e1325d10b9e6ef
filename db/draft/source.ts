/**
 * What a drafted record keeps in its `source` column: where it stands in the document (the section
 * label the drafter gives it, "渝府〔2023〕13号 附件 第3项"), then the line (and page, for a PDF) and the
 * document's own words it was read from, e.g.
 *   渝府〔2023〕13号 一、（二） · 第41行：“到2027年，江津区……营业收入达到3000亿元”
 * and what the plan keeps in plans.source: the document's file name and the notice's 文号. Pure.
 */
import type { DraftSource } from '../../contract/ops/draft.ts';

/** the longest quote a record keeps (the draft's own `sources` keep up to 4000 characters) */
export const MAX_SOURCE_QUOTE = 300;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function recordSource(label: string, s: DraftSource): string {
  const quote = oneLine(s.quote);
  const shown = quote.length > MAX_SOURCE_QUOTE ? `${quote.slice(0, MAX_SOURCE_QUOTE)}……` : quote;
  const where = `${s.page !== null ? `第${s.page}页` : ''}第${s.line}行`;
  return `${label ? `${label} · ` : ''}${where}：“${shown}”`;
}

/** plans.source of a drafted plan: "000_公报2023年第8期.txt（渝府〔2023〕13号）" (the title when it has no 文号) */
export function planSource(fileName: string, docNumber: string, title: string): string {
  const file = oneLine(fileName).slice(0, 200);
  const which = oneLine(docNumber) || oneLine(title).slice(0, 100);
  return which ? `${file}（${which}）` : file;
}
