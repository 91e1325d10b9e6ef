/** draft.read / draft.start / draft.create (contract/ops/draft.ts). */
import type { HandlersFor } from '../../contract/operations.ts';
import { draftOps, MAX_DRAFT_BYTES, type DraftRead } from '../../contract/ops/draft.ts';
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { startJob } from '../jobs/jobs.ts';
import { draftIssueAll } from './draft.ts';
import { referenceOf } from './reference.ts';
import { createDrafts } from './create.ts';
import { compareDraft } from './compare.ts';
import { readDocument } from './read/read.ts';
import { checkDocument } from './read/guards.ts';
import { decodeText, textLines } from './read/text.ts';
import { draftLines, type SourceLine } from './lines.ts';

/** The lines the review screen shows: the drafter's cleaned lines, numbered as in the file. */
const shownLines = (lines: readonly SourceLine[]) => draftLines(lines).map((l) => ({ page: l.page, line: l.line, text: l.clean.replace(/\t/g, ' ') }));

function bytesOf(fileName: string, base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_DRAFT_BYTES) throw invalid(`文件“${fileName}”超过 ${MAX_DRAFT_BYTES / 1024 / 1024} MB，不能起草`);
  return bytes;
}

export const draftHandlers = {
  'draft.read': (ctx, input): DraftRead => {
    const bytes = bytesOf(input.fileName, input.bytes);
    if (checkDocument(bytes, input.fileName) !== 'text') throw invalid(`“${input.fileName}”不是纯文本：PDF 和 .docx 用 draft.start 读取（在后台任务中）`);
    const lines = textLines(decodeText(bytes).text, input.fileName);
    return { fileName: input.fileName, ...draftIssueAll(lines, input.fileName, referenceOf(ctx)), lines: shownLines(lines) };
  },
  'draft.start': (ctx, input) => {
    const bytes = bytesOf(input.fileName, input.bytes);
    checkDocument(bytes, input.fileName);
    const ref = referenceOf(ctx);
    return startJob(ctx, 'draft', async (): Promise<DraftRead> => {
      const doc = await readDocument(bytes, input.fileName);
      return { fileName: input.fileName, ...draftIssueAll(doc.lines, input.fileName, ref), lines: shownLines(doc.lines) };
    });
  },
  'draft.create': (ctx, input) => createDrafts(ctx, input.drafts),
  'draft.compare': (ctx, input) => compareDraft(ctx, input),
} satisfies HandlersFor<typeof draftOps, StoreContext>;
