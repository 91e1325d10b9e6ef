import { describe, expect, it } from 'vitest';
import { parseTsv, pasteTargets, rectBetween, toTsv } from '../../renderer/src/features/workbench/clipboard.ts';

describe('paste parser (Excel / WPS clipboard text)', () => {
  it('reads rows and tab-separated cells, CR LF or LF, with the trailing line break Excel adds', () => {
    expect(parseTsv('3,000\t1600\r\n3300\t1000\r\n')).toEqual([['3,000', '1600'], ['3300', '1000']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('42')).toEqual([['42']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('keeps empty cells and pads short rows to a rectangle', () => {
    expect(parseTsv('a\t\tc\r\nd\r\n')).toEqual([['a', '', 'c'], ['d', '', '']]);
    expect(parseTsv('\t\n')).toEqual([['', '']]);
  });

  it('reads quoted cells holding line breaks, tabs and quotes', () => {
    expect(parseTsv('"第一行\n第二行"\tx\r\n"说""好"""\ty')).toEqual([['第一行\n第二行', 'x'], ['说"好"', 'y']]);
    expect(parseTsv('"a\tb"\tc')).toEqual([['a\tb', 'c']]);
    // a quote inside an unquoted cell is literal
    expect(parseTsv('5"\t6')).toEqual([['5"', '6']]);
  });

  it('writes a block Excel reads back cell by cell', () => {
    const block = [['江津区', '3000'], ['说"好"', 'a\nb']];
    const text = toTsv(block);
    expect(text).toBe('江津区\t3000\r\n"说""好"""\t"a\nb"');
    expect(parseTsv(text)).toEqual(block);
  });

  it('places a block at the focused cell, clipped at the grid edge, or tiled over a multiple selection', () => {
    const block = [['1', '2'], ['3', '4'], ['5', '6']];
    const at = pasteTargets(block, { row: 1, col: 2 }, { rows: 10, cols: 3 });
    expect(at.map((c) => [c.row, c.col, c.value])).toEqual([[1, 2, '1'], [2, 2, '3'], [3, 2, '5']]);
    const tiled = pasteTargets([['x']], { row: 0, col: 0 }, { rows: 5, cols: 5 }, rectBetween({ row: 0, col: 0 }, { row: 1, col: 1 }));
    expect(tiled.map((c) => [c.row, c.col, c.value])).toEqual([[0, 0, 'x'], [0, 1, 'x'], [1, 0, 'x'], [1, 1, 'x']]);
  });
});
