/** db/draft/read/pdf-lines.ts: lines of a page rebuilt from positioned text items (pure). */
import { describe, expect, it } from 'vitest';
import { rebuildLines, type PositionedText } from '../../db/draft/read/pdf-lines.ts';

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
