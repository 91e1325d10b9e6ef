/**
 * A gazette issue → its documents (通知 with the plan or measures they issue). A document starts at
 * its title (the lines before its addressee line "各区县（自治县）人民政府，…：", back to the line that
 * begins with the issuing body); its header is read from its first lines: 文号 (渝府发〔2023〕8号, broken
 * brackets and spaces tolerated), issuer and date (the signature after the first paragraph), and
 * the title of what it issues (the 《…》 of "现将《…》印发给你们").
 */
import type { DraftLine } from './lines.ts';

export interface DocumentHeader {
  /** the notice's own title (…的通知) */
  noticeTitle: string;
  /** the title of the plan it issues (《…》), or the notice's title */
  title: string;
  docNumber: string;
  issuer: string;
  issueDate: string | null;
  /** where each header field was read: index into the document's lines */
  at: { title: number; docNumber: number | null; issuer: number | null; issueDate: number | null };
}

export interface DraftDocument {
  header: DocumentHeader;
  /** the document's lines, title first */
  lines: DraftLine[];
  /** index of the first body line (after the signature) */
  bodyStart: number;
}

const ADDRESSEE = /^(各区县|有关区|各区|市政府各部门|市级各部门|各市级|各有关单位)[^。]{0,60}[：:]$/;
const DOC_NUMBER = /^([\u4e00-\u9fa5]{1,8})\s*[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*(\d{1,4})\s*号$/;
const ISSUER_START = /^(重庆市人民政府|重庆市[\u4e00-\u9fa5]{1,12}(局|委员会|委|厅|办公室))/;
const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

const squash = (s: string) => s.replace(/[\s（）()“”"]/g, '');

export function normaliseDocNumber(raw: string): string | null {
  const m = DOC_NUMBER.exec(raw.replace(/\s+/g, ''));
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : null;
}

function isoDate(m: RegExpExecArray): string | null {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Splits an issue's lines into documents; lines before the first document (cover, contents) are dropped. */
/** The first line of a gazette issue's colophon ("主管单位：重庆市人民政府", "**主管单位：**…" where the extraction kept bold). */
const COLOPHON = /^[*\s]*主管单位[*\s]*[：:]/;

export function splitDocuments(lines: DraftLine[]): DraftDocument[] {
  const starts: { title: number; addressee: number; docNumber: number | null }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const clean = (lines[i]?.clean ?? '').replace(/\t/g, '');
    if (!ADDRESSEE.test(clean)) continue;
    let j = i - 1;
    let docNumber: number | null = null;
    if (j >= 0 && normaliseDocNumber(lines[j]?.clean ?? '')) docNumber = j--;
    // the title: back to the line that starts with the issuing body, at most 6 lines
    let title = -1;
    for (let k = j; k >= 0 && k >= j - 5; k--) {
      if (ISSUER_START.test(lines[k]?.clean ?? '')) {
        title = k;
        break;
      }
    }
    if (title < 0 || !/通知|决定|意见|办法/.test(lines.slice(title, j + 1).map((l) => l.clean).join(''))) continue;
    starts.push({ title, addressee: i, docNumber });
  }
  const docs: DraftDocument[] = [];
  starts.forEach((s, n) => {
    const next = starts[n + 1]?.title ?? lines.length;
    // the gazette's colophon (主管单位：… 主办单位：… 印刷单位：…) after the issue's last document is no part of it
    let end = next;
    for (let k = s.title; k < next; k++) if (COLOPHON.test(lines[k]?.clean ?? '')) {
      end = k;
      break;
    }
    const own = lines.slice(s.title, end);
    const titleEnd = (s.docNumber ?? s.addressee) - s.title;
    const noticeTitle = own
      .slice(0, titleEnd)
      .map((l) => l.clean)
      .join('')
      .replace(/\s+/g, '');
    // the signature: the first date line within the next 12 lines, the issuer just above it
    let issuer = '';
    let issueDate: string | null = null;
    let at: DocumentHeader['at'] = { title: 0, docNumber: s.docNumber === null ? null : s.docNumber - s.title, issuer: null, issueDate: null };
    let bodyStart = s.addressee - s.title + 1;
    for (let k = s.addressee - s.title + 1; k < Math.min(own.length, s.addressee - s.title + 14); k++) {
      const m = DATE.exec((own[k]?.clean ?? '').replace(/\s+/g, ''));
      if (!m) continue;
      issueDate = isoDate(m);
      const above = own[k - 1]?.clean.replace(/\s+/g, '') ?? '';
      if (ISSUER_START.test(above) && above.length <= 30) {
        issuer = above;
        at = { ...at, issuer: k - 1 };
      }
      at = { ...at, issueDate: k };
      bodyStart = k + 1;
      break;
    }
    const intro = own
      .slice(s.addressee - s.title + 1, bodyStart)
      .map((l) => l.clean)
      .join('');
    const inner = /《([^》]{4,120})》/.exec(intro)?.[1];
    const plainTitle = noticeTitle.replace(/^.*?关于(印发)?/, '').replace(/的通知$/, '');
    if (!issuer) issuer = /^(重庆市人民政府办公厅|重庆市人民政府|重庆市[\u4e00-\u9fa5]{1,12}?(局|委员会|委|厅))/.exec(noticeTitle)?.[1] ?? '';
    docs.push({
      header: {
        noticeTitle,
        // 《…》 is the plan issued only when the notice's title names it (else it cites a law: 《重大行政决策程序暂行条例》)
        title: inner && squash(noticeTitle).includes(squash(inner)) ? inner : plainTitle,
        docNumber: s.docNumber === null ? '' : (normaliseDocNumber(lines[s.docNumber]?.clean ?? '') ?? ''),
        issuer,
        issueDate,
        at,
      },
      lines: own,
      bodyStart,
    });
  });
  return docs;
}
