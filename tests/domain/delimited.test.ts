/** domain/delimited.ts: the one parser behind a paste (tabs) and a CSV import (comma, tab, semicolon). */
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../domain/delimited.ts';
import { parseTsv } from '../../renderer/src/features/workbench/clipboard.ts';
import { parseCsv } from '../../db/export/csv.ts';

describe('parseDelimited', () => {
  it.each([
    ['a,b\r\nc,d\r\n', ',', [['a', 'b'], ['c', 'd']]],
    ['a;b\nc;d', ';', [['a', 'b'], ['c', 'd']]],
    ['a\tb\rc\td', '\t', [['a', 'b'], ['c', 'd']]],
    ['"a,b",c', ',', [['a,b', 'c']]],
    ['"多行\n文本","引号""内"', ',', [['多行\n文本', '引号"内']]],
    ['a,,c\n,', ',', [['a', '', 'c'], ['', '']]],
    ['"ab"c,d', ',', [['"ab"c', 'd']]],
    ['"unclosed,x', ',', [['"unclosed', 'x']]],
    ['', ',', []],
    ['x', ',', [['x']]],
  ] as const)('%j split at %j', (text, sep, rows) => {
    expect(parseDelimited(text, sep)).toEqual(rows);
  });

  it('is the parser of both the paste and the CSV import', () => {
    const text = '"江津区"\t3,000\n合川区\t"1\t600"';
    expect(parseTsv(text)).toEqual(parseDelimited(text, '\t'));
    expect(parseCsv('\uFEFF名称,值\r\n\'=1+1,2\r\n')).toEqual([['名称', '值'], ['=1+1', '2']]);
  });

  it('reads a long file of quoted cells whole', () => {
    const line = '"一项很长的任务, 带逗号","市经济信息委",2027年\n';
    const rows = parseDelimited(line.repeat(50_000), ',');
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999]).toEqual(['一项很长的任务, 带逗号', '市经济信息委', '2027年']);
  });
});
