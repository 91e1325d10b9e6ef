/** db/draft/read/pdf-lines.ts: lines of a page rebuilt from positioned text items (pure). */
import { describe, expect, it } from 'vitest';
import { rebuildLines, rebuildPage, twoColumns, type PositionedText } from '../../db/draft/read/pdf-lines.ts';

/** An item of CJK text at 10 pt: each character 10 wide. */
const at = (str: string, x: number, y: number, size = 10): PositionedText => ({ str, x, y, width: [...str].length * size, size });

describe('rebuildLines', () => {
  it('orders lines top to bottom and items left to right, whatever the stream order', () => {
    const items = [at('第二行', 50, 480), at('右边', 80, 500), at('第一行', 50, 500), at('第三行', 50, 460)];
    expect(rebuildLines(items)).toEqual(['第一行右边', '第二行', '第三行']);
  });

  it('a gap between items is a space; items that touch are joined', () => {
    const items = [at('序号', 50, 500), at('工作任务', 90, 500), at('场景说明', 130, 500), at('市公安局', 300, 500)];
    expect(rebuildLines(items)).toEqual(['序号 工作任务场景说明 市公安局']);
  });

  it('a run on a slightly different baseline (another font, a superscript) stays on its line', () => {
    expect(rebuildLines([at('营业收入', 50, 500), at('1.4', 90, 501.5, 9), at('万亿元', 117, 500)])).toEqual(['营业收入1.4万亿元']);
    expect(rebuildLines([at('上一行', 50, 512), at('下一行', 50, 500)])).toEqual(['上一行', '下一行']);
  });

  it('empty and whitespace-only items make no lines', () => {
    expect(rebuildLines([at('', 50, 500), at('   ', 50, 480), at('字', 50, 460)])).toEqual(['字']);
    expect(rebuildLines([])).toEqual([]);
  });

  it('spaces the PDF drew as characters are not doubled', () => {
    expect(rebuildLines([at('2023 ', 50, 500), at('年', 200, 500)])).toEqual(['2023 年']);
  });
});

describe('rebuildPage: two columns', () => {
  const W = 595;
  /** A justified column of `n` lines of 24 characters from x, starting at y = 780. */
  const column = (label: string, x: number, n: number, top = 780) =>
    Array.from({ length: n }, (_, k) => at(`${label}${String(k).padStart(2, '0')}${'字'.repeat(21)}`, x, top - 14 * k));

  it('reads the left column, then the right, between full-width titles', () => {
    const title = at('重庆市人民政府公报——标题横跨两栏的一行', 150, 800);
    const items = [title, ...column('右', 310, 10), ...column('左', 45, 10)];
    const lines = rebuildPage(items, W);
    expect(lines[0]).toBe(title.str);
    expect(lines.slice(1, 11).every((l) => l.startsWith('左'))).toBe(true);
    expect(lines.slice(11).every((l) => l.startsWith('右'))).toBe(true);
    expect(twoColumns(items, W)).not.toBeNull();
  });

  it('a title across the columns halfway down cuts them into bands', () => {
    const items = [...column('上左', 45, 9, 780), ...column('上右', 310, 9, 780), at('中间横跨两栏的标题文字很长很长很长', 150, 640), ...column('下左', 45, 9, 620), ...column('下右', 310, 9, 620)];
    const order = rebuildPage(items, W).map((l) => l.slice(0, 2));
    expect(order).toEqual([...Array(9).fill('上左'), ...Array(9).fill('上右'), '中间', ...Array(9).fill('下左'), ...Array(9).fill('下右')]);
  });

  it('a table whose cells leave a gap down the page is not split into columns', () => {
    // The cells end at different places left of a 3-font-size gap: a gutter by its width, but the left
    // "column" is not justified text.
    const rows = Array.from({ length: 20 }, (_, k) => [at(`${k + 1}`, 45, 780 - 14 * k), at(`任务${'甲'.repeat((k % 7) * 3)}`, 70, 780 - 14 * k), at('市经济信息委', 290, 780 - 14 * k), at('2023年8月', 450, 780 - 14 * k)]).flat();
    expect(twoColumns(rows, W)).toBeNull();
    expect(rebuildPage(rows, W)[0]).toBe('1 任务 市经济信息委 2023年8月');
    expect(rebuildPage(rows, W)).toHaveLength(20);
  });

  it('one column of text is one column', () => {
    const items = Array.from({ length: 30 }, (_, k) => at('字'.repeat(50), 45, 780 - 14 * k));
    expect(twoColumns(items, W)).toBeNull();
  });
});
