/** draft.read / draft.create (contract/ops/draft.ts). */
import type { HandlersFor } from '../../contract/operations.ts';
import { draftOps, MAX_DRAFT_BYTES } from '../../contract/ops/draft.ts';
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { draftIssue } from './draft.ts';
import { textLines } from './lines.ts';
import { referenceOf } from './reference.ts';
import { createDrafts } from './create.ts';

/** Reads a document's bytes as lines. Plain text here; PDF and .docx go through db/draft/read/ (readDocument) once merged. */
function documentLines(fileName: string, base64: string) {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_DRAFT_BYTES) throw invalid(`文件“${fileName}”超过 ${MAX_DRAFT_BYTES / 1024 / 1024} MB，不能起草`);
  if (/\.(pdf|docx?)$/i.test(fileName)) throw invalid(`“${fileName}”：暂只能从纯文本（.txt，UTF-8 或 GB18030）起草；PDF 和 .docx 的读取尚未接入`);
  if (bytes.includes(0)) throw invalid(`“${fileName}”不是文本文件（含有 NUL 字符）`);
  return textLines(bytes);
}

export const draftHandlers = {
  'draft.read': (ctx, input) => ({ fileName: input.fileName, drafts: draftIssue(documentLines(input.fileName, input.bytes), input.fileName, referenceOf(ctx)) }),
  'draft.create': (ctx, input) => createDrafts(ctx, input.drafts),
} satisfies HandlersFor<typeof draftOps, StoreContext>;
