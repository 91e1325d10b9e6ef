/**
 * Hostile and broken documents: each is refused with a typed PlanDeskError whose Chinese message names
 * the file — never a crash, never a stall (the reading worker's time and heap limits are the backstop,
 * shown acting with lowered limits).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanDeskError } from '../../db/errors.ts';
import { MAX_DOCUMENT_BYTES, MAX_DOCX_INFLATED, MAX_PAGES } from '../../db/draft/read/guards.ts';
import { endSpareReader, readDocument, spareReader } from '../../db/draft/read/read.ts';
import { makeDocx, makeZip, pagesPdf, para } from '../fixtures/draft/files.ts';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/draft', name)));

async function refusal(bytes: Uint8Array, fileName: string, limits?: { memoryMb: number; timeMs: number }): Promise<PlanDeskError> {
  const err = await readDocument(bytes, fileName, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, fileName).toBeInstanceOf(PlanDeskError);
  const e = err as PlanDeskError;
  expect(e.code).toBe('INVALID_INPUT');
  expect(e.message).toContain(`“${fileName}”`);
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  return e;
}

/** Sets the sizes a zip's local header and central directory claim for its entries (a lying directory). */
function claimSizes(zip: Uint8Array, uncompressed: number): Uint8Array {
  const b = Buffer.from(zip);
  for (let i = 0; i + 4 <= b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x04034b50) b.writeUInt32LE(uncompressed, i + 22);
    else if (sig === 0x02014b50) b.writeUInt32LE(uncompressed, i + 24);
  }
  return new Uint8Array(b);
}

describe('what is not a document', () => {
  it.each([
    ['empty', new Uint8Array(0), '空.txt', /是空的/],
    ['binary', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), '图片.png', /不是可读取的公文/],
    ['an old .doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]), '通知.doc', /旧版 Word/],
    ['an encrypted Office file', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]), '通知.docx', /已加密/],
    ['a text named .pdf', new TextEncoder().encode('重庆市人民政府'), '通知.pdf', /不是有效的 PDF/],
    ['a text named .docx', new TextEncoder().encode('重庆市人民政府'), '通知.docx', /不是有效的 \.docx/],
  ])('%s', async (_what, bytes, name, message) => {
    expect((await refusal(bytes, name)).message).toMatch(message);
  });

  it('a file over the size cap is refused before anything is read', async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x41);
    expect((await refusal(big, '大文件.txt')).message).toMatch(/超过公文读取上限 64 MB/);
  });

  it('a text line longer than any document’s is refused', async () => {
    expect((await refusal(new TextEncoder().encode('字'.repeat(30_000)), '长行.txt')).message).toMatch(/第 1 行超过 20,000 个字符/);
  });
});

describe('hostile .docx', () => {
  it('a zip that is not a Word document', async () => {
    expect((await refusal(makeZip({ 'xl/workbook.xml': '<workbook/>' }), '表格.docx')).message).toMatch(/不是 Word 文档/);
  });

  it('a truncated zip', async () => {
    const docx = fixture('gazette-000.docx');
    expect((await refusal(docx.subarray(0, docx.length - 100), '截断.docx')).message).toMatch(/已损坏/);
  });

  it('a zip bomb by its directory: refused before inflating', async () => {
    const bomb = makeDocx(para('x'.repeat(1000)));
    expect((await refusal(claimSizes(bomb, MAX_DOCX_INFLATED + 1), '炸弹.docx')).message).toMatch(/压缩炸弹/);
  });

  it('a zip bomb whose directory lies (claims little, inflates to much): stopped while inflating', async () => {
    const body = para('重'.repeat(1 << 20)).repeat(8); // ~24 MB of XML, a few hundred KB deflated
    const lying = claimSizes(makeDocx(body), 1000);
    expect((await refusal(lying, '说谎.docx')).message).toMatch(/已损坏|压缩炸弹/);
  });

  it('macros are refused', async () => {
    const withMacros = makeDocx(para('x'), { 'word/vbaProject.bin': 'macro' });
    expect((await refusal(withMacros, '宏.docx')).message).toMatch(/含有宏/);
  });

  it('entity expansion ("billion laughs") is not expanded: refused', async () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`),
      ']>',
    ].join('');
    const docx = makeDocx(para('&j;'), {}, laughs);
    expect((await refusal(docx, '笑.docx')).message).toMatch(/XML 有误/);
  });

  it('an external entity is not fetched: refused', async () => {
    const docx = makeDocx(para('&x;'), {}, '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>');
    expect((await refusal(docx, '外部.docx')).message).toMatch(/XML 有误/);
  });

  it('malformed XML', async () => {
    const broken = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document><w:body><w:p><w:t>未闭合' });
    expect((await refusal(broken, '坏.docx')).message).toMatch(/已损坏/);
  });

  it('an unknown compression method', async () => {
    const z = Buffer.from(makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }, { stored: true }));
    for (let i = 0; i + 4 <= z.length; i++) {
      const sig = z.readUInt32LE(i);
      if (sig === 0x04034b50) z.writeUInt16LE(12, i + 8);
      else if (sig === 0x02014b50) z.writeUInt16LE(12, i + 10);
    }
    expect((await refusal(new Uint8Array(z), '压缩.docx')).message).toMatch(/已损坏/);
  });
});

describe('hostile PDF', () => {
  it('garbage after the header', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)]);
    expect((await refusal(bytes, '乱码.pdf')).message).toMatch(/已损坏或不是有效的 PDF 文件/);
  });

  it('a truncated PDF', async () => {
    const pdf = fixture('gazette-000.pdf');
    expect((await refusal(pdf.subarray(0, 2000), '截断.pdf')).message).toMatch(/已损坏或不是有效的 PDF 文件/);
  });

  it('a scan without a text layer', async () => {
    const pdf = pagesPdf(['0 0 m 300 300 l S', '10 10 200 200 re f']);
    expect((await refusal(pdf, '扫描件.pdf')).message).toMatch(/没有可读取的文字（可能是扫描件或图片）/);
  });

  it('more pages than the cap', async () => {
    const pdf = pagesPdf(Array.from({ length: MAX_PAGES + 1 }, () => ''));
    expect((await refusal(pdf, '很多页.pdf')).message).toMatch(new RegExp(`有 ${MAX_PAGES + 1} 页，超过读取上限 ${MAX_PAGES} 页`));
  });

  // 50 pages of 10,000 text operators each (rebuilt into few lines, under the line cap): several times
  // the 1.5 s limit on any machine, however warm the thread (19 of these pages took 2.8 s warm here).
  const slowPdf = () =>
    pagesPdf(
      Array.from({ length: 50 }, () => `BT /F1 12 Tf 72 800 Td ${'(a) Tj 0 -0.001 Td '.repeat(10_000)}ET`),
      ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'],
      '/Font << /F1 {F} 0 R >>',
    );

  it('a reading that runs out of time is stopped (lowered limit)', async () => {
    const e = await refusal(slowPdf(), '慢.pdf', { memoryMb: 768, timeMs: 1500 });
    expect(e.message).toMatch(/超时|超过 2 秒仍未完成/);
  });

  it('a thread that read a document well reads the next; a refusal or the time limit ends it', async () => {
    await endSpareReader();
    const limits = { memoryMb: 768, timeMs: 60_000 };
    expect((await readDocument(fixture('gazette-000.docx'), 'a.docx', limits)).lines.length).toBeGreaterThan(500);
    expect(spareReader()).toEqual({ reads: 1, memoryMb: 768 });
    expect((await readDocument(fixture('gazette-000.pdf'), 'b.pdf', limits)).pages).toBe(40);
    expect(spareReader()).toEqual({ reads: 2, memoryMb: 768 });
    // the time limit runs from each request, on the kept thread too, and ends it
    expect((await refusal(slowPdf(), '慢.pdf', { memoryMb: 768, timeMs: 1500 })).message).toMatch(/超时|超过 2 秒仍未完成/);
    expect(spareReader()).toBeNull();
    expect((await readDocument(fixture('gazette-000.docx'), 'c.docx', limits)).lines.length).toBeGreaterThan(500);
    expect(spareReader()).toEqual({ reads: 1, memoryMb: 768 });
    // a refused file ends its thread as well
    expect((await refusal(fixture('gazette-000.pdf').subarray(0, 2000), '截断.pdf', limits)).message).toMatch(/已损坏/);
    expect(spareReader()).toBeNull();
    // a spare is taken only for the same heap limit
    await readDocument(fixture('gazette-000.docx'), 'd.docx', limits);
    await readDocument(fixture('gazette-000.docx'), 'e.docx', { memoryMb: 512, timeMs: 60_000 });
    expect(spareReader()).toEqual({ reads: 1, memoryMb: 768 });
    await endSpareReader();
    expect(spareReader()).toBeNull();
  });

  it('a reading that runs out of memory ends its worker only (lowered limit)', async () => {
    const e = await refusal(fixture('gazette-000.pdf'), '大.pdf', { memoryMb: 12, timeMs: 60_000 });
    expect(e.message).toMatch(/内存上限/);
    // and the host reads the next document as usual
    expect((await readDocument(fixture('gazette-000.docx'), 'next.docx')).lines.length).toBeGreaterThan(500);
  });
});
