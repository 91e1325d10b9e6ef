/**
 * The raw-parser baseline of the import reader's benchmark: yauzl and saxes over the same workbook
 * with none of our logic (no worker, no limits, no formats, no merged cells): the workbook's sheet
 * list and relationships, the shared strings, then every worksheet's cells kept as rows of values,
 * the least any reader hands on.
 */
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';

type Value = string | number | null;

function open(bytes: Buffer): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (e: yauzl.Entry) => {
        entries.set(e.fileName, e);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ zip, entries }));
      zip.readEntry();
    }),
  );
}

async function parse(zip: yauzl.ZipFile, entry: yauzl.Entry, on: { open?: (name: string, a: Record<string, string>) => void; close?: (name: string) => void; text?: (t: string) => void }): Promise<void> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))));
  const p = new SaxesParser({ position: false });
  if (on.open) p.on('opentag', (t) => on.open!(t.name, t.attributes as Record<string, string>));
  if (on.close) p.on('closetag', (t) => on.close!(t.name));
  if (on.text) p.on('text', on.text);
  stream.setEncoding('utf8');
  for await (const chunk of stream as AsyncIterable<string>) p.write(chunk);
  p.close();
}

export async function rawXlsxRead(bytes: Buffer): Promise<Value[][][]> {
  const { zip, entries } = await open(bytes);
  const targets = new Map<string, string>();
  await parse(zip, entries.get('xl/_rels/workbook.xml.rels')!, { open: (n, a) => n === 'Relationship' && targets.set(a.Id!, `xl/${a.Target!.replace(/^\/?xl\//, '')}`) });
  const sheets: string[] = [];
  await parse(zip, entries.get('xl/workbook.xml')!, { open: (n, a) => n === 'sheet' && sheets.push(targets.get(a['r:id']!)!) });
  const strings: string[] = [];
  let si = '';
  let inT = false;
  const ss = entries.get('xl/sharedStrings.xml');
  if (ss) await parse(zip, ss, { open: (n) => (n === 't' ? (inT = true) : n === 'si' && (si = '')), close: (n) => (n === 't' ? (inT = false) : n === 'si' && strings.push(si)), text: (t) => inT && (si += t) });
  const out: Value[][][] = [];
  for (const part of sheets) {
    const rows: Value[][] = [];
    let row: Value[] = [];
    let type = '';
    let v = '';
    let col = 0;
    let inV = false;
    await parse(zip, entries.get(part)!, {
      open(n, a) {
        if (n === 'row') row = [];
        else if (n === 'c') {
          type = a.t ?? 'n';
          v = '';
          const ref = a.r ?? '';
          col = 0;
          for (let i = 0; i < ref.length && ref.charCodeAt(i) >= 65; i++) col = col * 26 + ref.charCodeAt(i) - 64;
        } else if (n === 'v' || n === 't') inV = true;
      },
      close(n) {
        if (n === 'v' || n === 't') inV = false;
        else if (n === 'c') row[col - 1] = type === 's' ? strings[Number(v)]! : type === 'inlineStr' || type === 'str' ? v : v === '' ? null : Number(v);
        else if (n === 'row') rows.push(row);
      },
      text(t) {
        if (inV) v += t;
      },
    });
    out.push(rows);
  }
  return out;
}
