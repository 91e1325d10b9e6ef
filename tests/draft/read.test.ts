/**
 * db/draft/read: a document's numbered lines from a text (UTF-8, GB18030, UTF-16), a PDF and a .docx.
 * The fixtures are the shared gazette text 000 and a PDF and a .docx LibreOffice made from it
 * (tests/fixtures/draft/make.py): the three give the same lines, so the drafter drafts the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../db/draft/read/read.ts';
import { pdfjsFiles, readPdfLines } from '../../db/draft/read/pdf.ts';
import { useBundledWorkers } from '../../db/workers.ts';
import { cjkCmapPdf, encodeWithPython, makeDocx, para, row, table } from '../fixtures/draft/files.ts';

const FIXTURES = path.resolve('tests/fixtures/draft');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const TEXT = fs.readFileSync(path.join(FIXTURES, 'gazette-000.txt'), 'utf8');
/** Whitespace normalised: runs of spaces and tabs are one space, none at the ends; empty lines dropped. */
const normalised = (lines: { text: string }[]) => lines.map((l) => l.text.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
const textLines = TEXT.split('\n').slice(0, TEXT.endsWith('\n') ? -1 : undefined);

describe('plain text', () => {
  it('UTF-8: every line with the file’s own line number, empty ones kept', async () => {
    const doc = await readDocument(fixture('gazette-000.txt'), 'gazette-000.txt');
    expect(doc).toMatchObject({ fileName: 'gazette-000.txt', format: 'text', encoding: 'utf-8', pages: null });
    expect(doc.lines.map((l) => l.text)).toEqual(textLines);
    expect(doc.lines.map((l) => l.line)).toEqual(textLines.map((_, i) => i + 1));
    expect(doc.lines.every((l) => l.page === null)).toBe(true);
    expect(doc.lines[927 - 1]!.text).toBe('序号 工作任务 场景说明 责任单位 完成时限');
  });

  it('GB18030 (encoded by Python): decoded to the same lines', async () => {
    const bytes = encodeWithPython(TEXT, 'gb18030');
    expect(Buffer.from(bytes).equals(Buffer.from(TEXT, 'utf8'))).toBe(false);
    const doc = await readDocument(bytes, '公报-GB18030.txt');
    expect(doc.encoding).toBe('gb18030');
    expect(doc.lines.map((l) => l.text)).toEqual(textLines);
  });

  it('GB18030 beyond GBK (a four-byte character) and GBK text', async () => {
    const text = '渝府〔2023〕13号 𠀀 €\n营业收入1.4万亿元\n';
    expect((await readDocument(encodeWithPython(text, 'gb18030'), 'a.txt')).lines.map((l) => l.text)).toEqual(['渝府〔2023〕13号 𠀀 €', '营业收入1.4万亿元']);
    const gbk = '重庆市人民政府\r\n2023年7月14日\r\n';
    const doc = await readDocument(encodeWithPython(gbk, 'gbk'), 'b.txt');
    expect(doc).toMatchObject({ encoding: 'gb18030' });
    expect(doc.lines.map((l) => l.text)).toEqual(['重庆市人民政府', '2023年7月14日']);
  });

  it('UTF-8 with a byte-order mark, UTF-16 with one, and \\r\\n or \\r line ends', async () => {
    const text = '第一行\r\n第二行\r第三行\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);
    for (const [bytes, encoding] of [
      [bom, 'utf-8'],
      [encodeWithPython(text, 'utf-16'), 'utf-16le'],
      [new Uint8Array([0xfe, 0xff, ...encodeWithPython(text, 'utf-16-be')]), 'utf-16be'],
    ] as const) {
      const doc = await readDocument(bytes, 'x.txt');
      expect(doc.encoding).toBe(encoding);
      expect(doc.lines.map((l) => [l.text, l.line])).toEqual([['第一行', 1], ['第二行', 2], ['第三行', 3]]);
    }
  });
});

describe('PDF (LibreOffice’s, from the same text)', () => {
  it('gives the text’s lines, whitespace normalised, each with its page and line on the page', async () => {
    const doc = await readDocument(fixture('gazette-000.pdf'), 'gazette-000.pdf');
    expect(doc).toMatchObject({ format: 'pdf', pages: 40, encoding: null });
    expect(normalised(doc.lines)).toEqual(normalised(textLines.map((text) => ({ text }))));
    expect(doc.lines[0]).toEqual({ text: '重庆市人民政府关于', page: 1, line: 1 });
    const pages = doc.lines.map((l) => l.page!);
    expect(new Set(pages).size).toBe(40);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    // Line numbers restart on each page.
    for (let i = 1; i < doc.lines.length; i++) {
      const [a, b] = [doc.lines[i - 1]!, doc.lines[i]!];
      expect(b.line).toBe(a.page === b.page ? a.line + 1 : 1);
    }
    const table = doc.lines.find((l) => l.text.startsWith('序号'))!;
    expect(table.text.replace(/\s+/g, ' ')).toBe('序号 工作任务 场景说明 责任单位 完成时限');
  });

  it('a page set in two columns, as the gazette is, reads column by column: the whole text in order', async () => {
    const doc = await readDocument(fixture('gazette-000-2col.pdf'), 'gazette-000-2col.pdf');
    expect(doc.pages).toBe(8);
    const read = doc.lines.map((l) => l.text).join('').replace(/\s+/g, '');
    expect(read).toBe(TEXT.replace(/\s+/g, ''));
    // the first line of page 2 is the left column's, not a mix of both columns
    expect(doc.lines.find((l) => l.page === 2)!.text.length).toBeLessThan(30);
  });

  it('reads Chinese set in a predefined CJK CMap with a font that is not embedded, with the shipped cMaps (and not without them)', async () => {
    const bytes = cjkCmapPdf(['中文规划', '营业收入1.4万亿元，提高至35%左右']);
    const doc = await readDocument(bytes, 'cmap.pdf');
    expect(doc.lines.map((l) => l.text)).toEqual(['中文规划', '营业收入1.4万亿元，提高至35%左右']);
    const empty = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'no-cmaps-'));
    try {
      const without = await readPdfLines(bytes, 'cmap.pdf', { ...pdfjsFiles(), cMaps: empty + path.sep }, Date.now() + 20_000);
      expect(without.lines.map((l) => l.text)).not.toEqual(['中文规划', '营业收入1.4万亿元，提高至35%左右']);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('ships the cMaps and standard fonts pdf.js reads (the files the packaged app lists)', () => {
    const files = pdfjsFiles();
    expect(fs.existsSync(path.join(files.cMaps, 'UniGB-UCS2-H.bcmap'))).toBe(true);
    expect(fs.existsSync(path.join(files.cMaps, 'Adobe-GB1-UCS2.bcmap'))).toBe(true);
    expect(fs.readdirSync(files.standardFonts).some((f) => f.endsWith('.pfb') || f.endsWith('.ttf'))).toBe(true);
    const builder = fs.readFileSync('electron-builder.yml', 'utf8');
    for (const p of ['node_modules/pdfjs-dist/cmaps/**', 'node_modules/pdfjs-dist/standard_fonts/**', 'node_modules/pdfjs-dist/legacy/build/pdf.mjs', 'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs'])
      expect(builder).toContain(p);
  });

  describe('in the bundled worker (what users run)', () => {
    afterAll(() => useBundledWorkers(null));
    it('reads the PDF and the .docx from build/node/workers', async () => {
      useBundledWorkers('build/node/workers');
      const pdf = await readDocument(cjkCmapPdf(['中文规划']), 'cmap.pdf');
      expect(pdf.lines.map((l) => l.text)).toEqual(['中文规划']);
      const docx = await readDocument(fixture('gazette-000.docx'), 'gazette-000.docx');
      expect(docx.lines.length).toBeGreaterThan(500);
    });
  });
});

describe('.docx', () => {
  it('LibreOffice’s, from the same text: the text’s lines, whitespace normalised', async () => {
    const doc = await readDocument(fixture('gazette-000.docx'), 'gazette-000.docx');
    expect(doc).toMatchObject({ format: 'docx', pages: null, encoding: null });
    expect(normalised(doc.lines)).toEqual(normalised(textLines.map((text) => ({ text }))));
    expect(doc.lines.map((l) => l.line)).toEqual(doc.lines.map((_, i) => i + 1));
  });

  it('paragraphs are lines, a table row is a line of its cells joined by a space, tab stops are not tabs', async () => {
    const body = [
      para('附件'),
      para('“渝快码”应用场景任务清单'),
      table(
        row(['序号'], ['工作任务'], ['场景说明'], ['责任单位'], ['完成时限']),
        row(['1'], ['扫码登记'], ['持续推进使用“渝快码”', '扫码登记上网。'], ['市公安局'], ['2023年8月']),
        row(['2'], [''], ['空的格子不留两个空格'], ['市大数据发展局、市经济信息委'], ['2023年9月']),
      ),
      para('指标\t单位\t2025年'),
      para('营业收入', '1.4', '万亿元'),
      '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/><w:t>同一行</w:t></w:r></w:p>',
      '<w:p><w:r><w:delText>删去的字</w:delText></w:r><w:ins><w:r><w:t>加上的字</w:t></w:r></w:ins></w:p>',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>',
      '<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>文本框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>文本框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>',
      '<w:p/>',
      para('&lt;实施&gt; &amp; 保障'),
    ].join('');
    const doc = await readDocument(makeDocx(body), '清单.docx');
    expect(doc.lines.map((l) => l.text)).toEqual([
      '附件',
      '“渝快码”应用场景任务清单',
      '序号 工作任务 场景说明 责任单位 完成时限',
      '1 扫码登记 持续推进使用“渝快码” 扫码登记上网。 市公安局 2023年8月',
      '2 空的格子不留两个空格 市大数据发展局、市经济信息委 2023年9月',
      '指标\t单位\t2025年',
      '营业收入1.4万亿元',
      '第一行',
      '第二行同一行',
      '加上的字',
      '3',
      '文本框',
      '<实施> & 保障',
    ]);
  });
});
