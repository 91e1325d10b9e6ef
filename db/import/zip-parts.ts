/**
 * The parts of an .xlsx, read with yauzl (from the bytes in memory) and parsed with saxes, both
 * streaming. Chosen over the hand-written zip and regex reading that was here before, and over
 * SheetJS CE (a whole-file read into one object model: several times the memory of a streaming pass,
 * and its npm copy is stale with open CVEs) and ExcelJS's streaming reader (it decodes each inflated
 * chunk on its own, garbling a Chinese character split across two chunks, and trusts the zip's
 * claims). yauzl refuses a part whose inflated size differs from what the directory says
 * (validateEntrySizes) and every byte that comes out is also counted here against
 * MAX_UNCOMPRESSED_BYTES, so nothing the file claims decides how much is read. saxes is a
 * conforming XML parser: single- or double-quoted attributes, comments, CDATA, character and
 * predefined entities, namespace prefixes; it expands no DTD entities (so no "billion laughs").
 * Measured on the 100,000-task workbook (`npm run bench -- transfer`, 2 shared cores under heavy load,
 * 2026-12-01, the bundled worker users run): the raw yauzl + saxes pass 2.7 s, 211 MB peak, 2.2 s CPU;
 * this reader, in its worker with every limit, 3.5 s, 290 MB, 3.1 s CPU (1.31×, 1.37×, 1.39×; it was
 * 1.54× / 1.50× before the sheet reader wrote cells straight into packed rows, xlsx-sheet.ts, and
 * before bundled workers stopped inheriting the host's tsx loader, db/workers.ts).
 */
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { PlanDeskError } from '../errors.ts';
import { MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, tooLargeInflated } from './guards.ts';

export function damaged(fileName: string, what: string): PlanDeskError {
  return new PlanDeskError('INVALID_INPUT', `“${fileName}”已损坏或不是有效的 .xlsx 工作簿（${what.slice(0, 200)}），不能导入。`, [], { reason: 'import.damaged', params: { file: fileName } });
}

/** A tag's local name: "x:row" → "row". */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by local name ("r:id" is found as "id" when `prefixed`). */
export function attribute(tag: SaxesTagPlain, name: string, prefixed = false): string | undefined {
  const a = tag.attributes;
  if (!prefixed) return a[name];
  for (const key in a) if (key !== name && key.endsWith(`:${name}`)) return a[key];
  return undefined;
}

export interface XmlHandlers {
  open(name: string, tag: SaxesTagPlain): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * What a reader of another zip-based format (the drafter's .docx, db/draft/read/docx.ts) says and
 * allows: its own refusal wording and limit on inflated bytes. Defaults: the workbook import's.
 */
export interface ZipReading {
  damaged: (fileName: string, what: string) => PlanDeskError;
  maxInflated: number;
  tooLarge: (fileName: string) => PlanDeskError;
}

const XLSX_READING: ZipReading = { damaged, maxInflated: MAX_UNCOMPRESSED_BYTES, tooLarge: tooLargeInflated };

export class XlsxZip {
  private inflated = 0;
  /** called after each inflated piece is parsed: a promise makes the reading wait (the host is behind) */
  pace: (() => Promise<void> | null) | null = null;
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: Map<string, yauzl.Entry>,
    private readonly fileName: string,
    private readonly reading: ZipReading,
  ) {}

  static async open(bytes: Buffer, fileName: string, reading: ZipReading = XLSX_READING): Promise<XlsxZip> {
    const damaged = reading.damaged;
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (err, z) =>
        err || !z ? reject(damaged(fileName, `压缩结构：${err?.message ?? '无法打开'}`)) : resolve(z),
      ),
    );
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw new PlanDeskError('INVALID_INPUT', `“${fileName}”包含的部件过多（${zip.entryCount} 个），不像正常的工作簿，不导入。`, [], { reason: 'import.tooLarge', params: { file: fileName } });
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.set(e.fileName, e);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (err: Error) => reject(damaged(fileName, `压缩结构：${err.message}`)));
      zip.readEntry();
    });
    return new XlsxZip(zip, entries, fileName, reading);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Inflates a part and feeds it, piece by piece, to a saxes parser calling `h`. */
  async parse(name: string, h: XmlHandlers): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw this.reading.damaged(this.fileName, `缺少部件 ${name}`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw this.reading.damaged(this.fileName, `部件 ${name} 的压缩方式不支持`);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(this.reading.damaged(this.fileName, `部件 ${name}：${err?.message ?? '无法读取'}`)) : resolve(s))),
    );
    const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
    let failure: unknown = null;
    parser.on('error', (err) => {
      throw this.reading.damaged(this.fileName, `部件 ${name} 的 XML 有误：${err.message}`);
    });
    parser.on('opentag', (tag) => h.open(localName(tag.name), tag));
    parser.on('closetag', (tag) => h.close(localName(tag.name)));
    parser.on('text', (t) => h.text(t));
    parser.on('cdata', (t) => h.text(t));
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.inflated += chunk.length;
        if (this.inflated > this.reading.maxInflated) throw this.reading.tooLarge(this.fileName);
        parser.write(decoder.write(chunk));
        const wait = this.pace?.();
        if (wait) await wait;
      }
      parser.write(decoder.end());
      parser.close();
    } catch (err) {
      failure = err;
    } finally {
      (stream as unknown as { destroy?: () => void }).destroy?.();
    }
    if (failure instanceof PlanDeskError) throw failure;
    if (failure) throw this.reading.damaged(this.fileName, `部件 ${name}：${failure instanceof Error ? failure.message : String(failure)}`);
  }

  close(): void {
    this.zip.close();
  }
}
