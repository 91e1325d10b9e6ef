/** A PDF and a .docx made from a shared text (tests/fixtures/draft, LibreOffice) draft the same as the text. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../db/draft/read/read.ts';
import { draftIssue } from '../../db/draft/draft.ts';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { Reference } from '../../db/draft/names.ts';
import { seededStore, ok } from '../helpers/store.ts';
import { gazetteBytes, gazetteName } from '../helpers/gazette.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/draft');
const common = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../seeds/common.json'), 'utf8')) as Reference;

/** What a draft states, without where (lines and pages differ between formats by nature). */
const content = (ds: DraftPlan[]) =>
  ds.map(({ sources, lines: _l, ...d }) => ({
    // a record's source ends with the line (and page) and the words it was read from (db/draft/source.ts): its section label stays
    ...(JSON.parse(JSON.stringify(d, (k, v: unknown) => (k === 'source' && typeof v === 'string' ? v.replace(/( · )?(第\d+页)?第\d+行：[\s\S]*$/, '') : v))) as typeof d),
    sourced: Object.keys(sources).sort(),
  }));

describe('drafting a PDF and a .docx of a shared text', () => {
  it('drafts the same plans, values and tasks as the text, with sources on PDF pages', { timeout: 120_000 }, async () => {
    const draft = async (f: string) => draftIssue((await readDocument(fs.readFileSync(path.join(DIR, f)), f)).lines, 'gazette-000', common);
    const txt = await draft('gazette-000.txt');
    expect(txt.map((d) => d.plan.docNumber)).toEqual(['渝府〔2023〕13号', '渝府办发〔2023〕57号', '']);
    const pdf = await draft('gazette-000.pdf');
    const docx = await draft('gazette-000.docx');
    expect(content(docx)).toEqual(content(txt));
    expect(content(pdf)).toEqual(content(txt));
    expect(pdf[0]?.sources['indicators[0]']?.page).toBeGreaterThan(1);
  });

  it('draft.start reads a PDF as a job; jobs.status gives the drafts', { timeout: 120_000 }, async () => {
    const store = seededStore();
    const { jobId } = ok<{ jobId: string }>(store, 'draft.start', { fileName: 'gazette-000.pdf', bytes: fs.readFileSync(path.join(DIR, 'gazette-000.pdf')).toString('base64') });
    let status: { state: string; drafts?: { drafts: DraftPlan[] } | null } = { state: 'running' };
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      status = ok(store, 'jobs.status', { jobId });
    }
    expect(status.state).toBe('done');
    expect(status.drafts?.drafts.map((d) => d.plan.docNumber)).toEqual(['渝府〔2023〕13号', '渝府办发〔2023〕57号', '']);
  });
});

/**
 * Made with LibreOffice 7.4 at its defaults, nothing tuned (unlike make.py's landscape pages, on which no line wraps):
 * `soffice --headless --convert-to pdf|docx 002_c73c8cf96aca94bd.txt` (A4 portrait, 12 pages: most lines of the text
 * wrap in the PDF, 414 printed lines for 184 of text, and the page header/footer lines fall between them).
 */
describe('a PDF and a .docx of text 002 made by LibreOffice at its defaults', () => {
  it('draft the same plans, values and tasks as the text (wrapped lines and page breaks rebuilt)', { timeout: 120_000 }, async () => {
    const draft = async (bytes: Buffer, f: string) => draftIssue((await readDocument(bytes, f)).lines, 'gazette-002', common);
    const txt = await draft(gazetteBytes('002'), gazetteName('002'));
    expect(txt.map((d) => d.plan.docNumber)).toEqual(['渝府办〔2023〕3号', '渝府办发〔2023〕37号', '渝府办发〔2023〕38号']);
    const pdf = await draft(fs.readFileSync(path.join(DIR, 'gazette-002-default.pdf')), 'gazette-002-default.pdf');
    const docx = await draft(fs.readFileSync(path.join(DIR, 'gazette-002-default.docx')), 'gazette-002-default.docx');
    expect(content(pdf)).toEqual(content(txt));
    expect(content(docx)).toEqual(content(txt));
    expect(txt.reduce((n, d) => n + d.tasks.length + d.indicators.length, 0)).toBe(66); // 17 + 14 + 33 tasks, 2 indicators
    expect(new Set(Object.values(pdf[2]!.sources).map((s) => s.page)).size).toBeGreaterThan(2);
  });
});
