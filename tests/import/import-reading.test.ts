/**
 * Issue 11's silent misreads: each workbook is written as another program may write it (raw XML),
 * and the preview must show exactly what the officer sees in Excel or WPS.
 */
import { describe, expect, it } from 'vitest';
import { seededStore } from '../helpers/store.ts';
import { previewImport } from '../../db/import/run.ts';
import { readSpreadsheet } from '../../db/import/read.ts';
import { inlineRow, rawWorkbook } from '../fixtures/bad-files/make.ts';

const PLAN = 'p-yukuaima';
const HEAD = inlineRow(1, ['编号', '任务名称', '牵头单位', '进展情况', '完成时限']);
const STYLES = (numFmts: string, xfs: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${numFmts}<cellXfs count="9"><xf numFmtId="0"/>${xfs}</cellXfs></styleSheet>`;
const t = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;

describe('the reader reads what Excel shows', () => {
  it('a value merged over three rows applies to each of them, and the preview says so', async () => {
    const store = seededStore();
    const bytes = rawWorkbook(
      HEAD + `<row r="2">${t('A2', '901')}${t('B2', '合并甲')}${t('C2', '市公安局')}</row><row r="3">${t('A3', '902')}${t('B3', '合并乙')}</row><row r="4">${t('A4', '903')}${t('B4', '合并丙')}</row>`,
      {},
      { after: '<mergeCells count="1"><mergeCell ref="C2:C4"/></mergeCells>' },
    );
    const p = await previewImport(store.ctx, PLAN, bytes, 'merged.xlsx');
    expect(p.problems).toEqual([]);
    const leads = p.changes.filter((c) => c.column === '牵头单位');
    expect(leads.map((c) => [c.row, c.after])).toEqual([[2, '市公安局'], [3, '市公安局'], [4, '市公安局']]);
    expect(p.notices.join('\n')).toMatch(/任务台账.*1 处跨行合并的单元格（C2:C4）/);
  });

  it('percent shows as 36%, a date in the 1904 system keeps its year, formatCode before numFmtId is a date', async () => {
    const store = seededStore();
    // 2024-06-01 is serial 45444 in the 1900 system, 43982 in the 1904 system.
    const styles = STYLES('<numFmts count="1"><numFmt formatCode=\'yyyy"年"m"月"\' numFmtId="164"/></numFmts>', '<xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="17"/>');
    const row = `<row r="2">${t('A2', '904')}${t('B2', '格式任务')}${t('C2', '市公安局')}<c r="D2" s="1"><v>0.36</v></c><c r="E2" s="2"><v>43982</v></c></row>`;
    const row3 = `<row r="3">${t('A3', '905')}${t('B3', '格式任务二')}${t('C3', '市公安局')}<c r="D3" s="1"><v>0.125</v></c><c r="E3" s="3"><v>43982</v></c></row>`;
    const bytes = rawWorkbook(HEAD + row + row3, { 'xl/styles.xml': styles }, { workbookPr: '<workbookPr date1904="1"/>' });
    const p = await previewImport(store.ctx, PLAN, bytes, 'formats.xlsx');
    expect(p.problems).toEqual([]);
    const after = (r: number, col: string) => p.changes.find((c) => c.row === r && c.column === col)?.after;
    expect(after(2, '进展情况')).toBe('36%');
    expect(after(3, '进展情况')).toBe('13%');
    expect(after(2, '完成时限')).toBe('2024-06');
    expect(after(3, '完成时限')).toBe('2024-06');
  });

  it('single-quoted attributes, comments, CDATA, entities, prefixes and rich text read as written', async () => {
    const sheet =
      `<?xml version='1.0' encoding='UTF-8'?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t>编号</x:t></x:is></x:c><x:c r='B1' t='inlineStr'><x:is><x:t>任务名称</x:t></x:is></x:c><x:c r='C1' t='inlineStr'><x:is><x:t>牵头单位</x:t></x:is></x:c></x:row>` +
      `<!-- <x:row r='2'><x:c r='B2' t='inlineStr'><x:is><x:t>注释里的假任务</x:t></x:is></x:c></x:row> -->` +
      `<x:row r='3'><x:c r='A3' t='inlineStr'><x:is><x:t>906</x:t></x:is></x:c><x:c r='B3' t='inlineStr'><x:is><x:t><![CDATA[A&B <任务>]]></x:t></x:is></x:c><x:c r='C3' t='s'><x:v>0</x:v></x:c></x:row>` +
      `<x:row r='4'><x:c r='A4' t='inlineStr'><x:is><x:t>907</x:t></x:is></x:c><x:c r='B4' t='inlineStr'><x:is><x:r><x:t>富文本</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space='preserve'> &amp; 任务&#x4E00;</x:t></x:r><x:rPh><x:t>ふりがな</x:t></x:rPh></x:is></x:c><x:c r='C4' t='s'><x:v>1</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const shared = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>市公安局</t></si><si><r><t>市公安</t></r><r><t>局</t></r></si></sst>`;
    const sheets = await readSpreadsheet(rawWorkbook('', { 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': shared }), 'forms.xlsx');
    expect(sheets[0]!.rows.map((r) => [r.n, ...r.cells])).toEqual([
      [1, '编号', '任务名称', '牵头单位'],
      [3, '906', 'A&B <任务>', '市公安局'],
      [4, '907', '富文本 & 任务一', '市公安局'],
    ]);
  });

  it('a hidden sheet is named in the preview', async () => {
    const store = seededStore();
    const p = await previewImport(store.ctx, PLAN, rawWithHidden(), 'hidden.xlsx');
    expect(p.sheets.find((s) => s.name === '隐藏表')).toMatchObject({ hidden: true });
    expect(p.notices.join('\n')).toMatch(/“隐藏表”是隐藏的工作表/);
  });

  it('two columns meaning the same field are refused, naming both', async () => {
    const store = seededStore();
    const bytes = rawWorkbook(inlineRow(1, ['编号', '任务名称', '牵头单位', '责任单位']) + inlineRow(2, ['1', '网吧扫码登记上网', '市公安局', '市经济信息委']));
    const p = await previewImport(store.ctx, PLAN, bytes, 'dup.xlsx');
    expect(p.problems).toEqual([expect.objectContaining({ row: 1, reason: expect.stringMatching(/“牵头单位”（C 列）和“责任单位”（D 列）都表示“牵头单位”/) })]);
  });

  it('two columns for the same year of a target table are refused, naming both', async () => {
    const store = seededStore();
    const bytes = rawWorkbook(inlineRow(1, ['区县', '指标', '2027年', '2027年']) + inlineRow(2, ['江津区', '规模以上工业企业营业收入', 1, 2]));
    const p = await previewImport(store.ctx, PLAN, bytes, 'years.xlsx');
    expect(p.problems).toEqual([expect.objectContaining({ row: 1, reason: expect.stringMatching(/“2027年”（C 列）和“2027年”（D 列）都是 2027 年的目标值/) })]);
  });

  it('imported text obeys the typing rules: length, NUL, U+FFFE/U+FFFF', async () => {
    const store = seededStore();
    const long = '长'.repeat(25_000);
    const bytes = rawWorkbook(
      HEAD +
        inlineRow(2, ['909', '太长', '市公安局', long]) +
        inlineRow(3, ['910', '空字符_x0000_在中间', '市公安局']) +
        inlineRow(4, ['911', '非字符', '市公安局', '进展_xFFFE_']) +
        inlineRow(5, ['912', '非字符二', '市公安局', '进展_xFFFF_']),
    );
    const p = await previewImport(store.ctx, PLAN, bytes, 'typing.xlsx');
    expect(p.problems.map((x) => [x.row, x.column, x.reason])).toEqual([
      [2, '进展情况', '内容有 25,000 个字符，超过输入上限 20,000 个字符'],
      [3, '任务名称', '含有不能保存的字符 NUL（不可见的控制字符），请删除后再导入'],
      [4, '进展情况', '含有不能保存的字符 U+FFFE（非字符），请删除后再导入'],
      [5, '进展情况', '含有不能保存的字符 U+FFFF（非字符），请删除后再导入'],
    ]);
    const huge = rawWorkbook(HEAD + inlineRow(2, ['913', '巨大', '市公安局', 'x'.repeat(5_000_000)]));
    await expect(previewImport(store.ctx, PLAN, huge, 'huge-cell.xlsx')).rejects.toThrow(/单元格 D2 有 .* 个以上的字符，超过单元格上限 32,767/);
  });

  it('empty styled cells far to the right are ignored, a value there is refused', async () => {
    const ok = await readSpreadsheet(rawWorkbook(HEAD + `<row r="2">${t('A2', '1')}<c r="XFD2" s="0"/></row>`), 'styled.xlsx');
    expect(ok[0]!.rows[1]!.cells).toEqual(['1']);
  });
});

function rawWithHidden(): Buffer {
  const hiddenSheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${inlineRow(1, ['说明'])}</sheetData></worksheet>`;
  return rawWorkbook(HEAD + inlineRow(2, ['908', '显示的任务', '市公安局']), {
    'xl/worksheets/sheet2.xml': hiddenSheet,
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
  }, { moreSheets: '<sheet name="隐藏表" sheetId="2" state="hidden" r:id="rId9"/>' });
}
