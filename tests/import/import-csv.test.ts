/** CSV and text files as Excel, WPS and other programs save them: encodings and separators detected, damage refused. */
import { describe, expect, it } from 'vitest';
import { seededStore } from '../helpers/store.ts';
import { previewImport } from '../../db/import/run.ts';

const PLAN = 'p-yukuaima';
const ROWS = [
  ['编号', '任务名称', '牵头单位', '进展情况'],
  ['1', '网吧扫码登记上网', '市公安局', '已推进；见附件'],
];
const text = (sep: string) => ROWS.map((r) => r.join(sep)).join('\r\n') + '\r\n';
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('CSV import', () => {
  const cases: [string, Buffer][] = [
    ['utf8.csv', Buffer.from(text(','), 'utf8')],
    ['utf8-bom.csv', Buffer.from('\uFEFF' + text(','), 'utf8')],
    ['unicode-text.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('\t'), 'utf16le')])],
    ['utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text('\t'))])],
    ['utf16le-no-bom.csv', Buffer.from(text(','), 'utf16le')],
    ['tab.txt', Buffer.from(text('\t'), 'utf8')],
    ['semicolon.csv', Buffer.from(text(';').replace('已推进；见附件', '"已推进;见附件"'), 'utf8')],
  ];
  for (const [name, bytes] of cases) {
    it(`reads ${name}`, async () => {
      const store = seededStore();
      const p = await previewImport(store.ctx, PLAN, bytes, name);
      expect(p.problems).toEqual([]);
      expect(p.sheets[0]).toMatchObject({ kind: 'tasks', rows: 1 });
      expect(p.changes.map((c) => [c.row, c.column, c.after])).toEqual([[2, '进展情况', name === 'semicolon.csv' ? '已推进;见附件' : '已推进；见附件']]);
    });
  }

  it('GB18030 (what Chinese Excel and WPS save as CSV) still reads', async () => {
    const store = seededStore();
    const bytes = Buffer.from(
      [0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc8, 0xce, 0xce, 0xf1, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xc7, 0xa3, 0xcd, 0xb7, 0xb5, 0xa5, 0xce, 0xbb, 0x0d, 0x0a,
        0x31, 0x2c, 0xcd, 0xf8, 0xb0, 0xc9, 0xc9, 0xa8, 0xc2, 0xeb, 0xb5, 0xc7, 0xbc, 0xc7, 0xc9, 0xcf, 0xcd, 0xf8, 0x2c, 0xca, 0xd0, 0xb9, 0xab, 0xb0, 0xb2, 0xbe, 0xd6, 0x0d, 0x0a],
    );
    const p = await previewImport(store.ctx, PLAN, bytes, 'gbk.csv');
    expect(p.sheets[0]).toMatchObject({ kind: 'tasks', rows: 1 });
    expect(p.problems).toEqual([]);
  });

  it('a UTF-8 file with one bad byte is refused naming its line, not read as GB18030 mojibake', async () => {
    const store = seededStore();
    const good = Buffer.from(text(',') + '2,扫码住店,市公安局,进行中的工作\r\n3,第三个任务,市公安局,进展\r\n', 'utf8');
    const at = good.indexOf(Buffer.from('扫码住店', 'utf8')) + 1;
    const bad = Buffer.from(good);
    bad[at] = 0xff;
    await expect(previewImport(store.ctx, PLAN, bad, 'one-bad-byte.csv')).rejects.toThrow(/“one-bad-byte\.csv”是 UTF-8 编码，但第 3 行有 1 处无法识别的字节/);
  });
});
