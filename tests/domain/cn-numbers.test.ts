/**
 * domain/cn-numbers.ts: Chinese numbers and quantities as the gazette texts write them.
 * The document table (DOCUMENT_CASES) is quoted verbatim from the four shared texts (seeds/sources/, copies of ../shared/seeds);
 * a test checks every quote is still found there. The brief's own cases follow, then sentences.
 * Properties (round trips, hostile input) are in cn-numbers-properties.test.ts.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gazetteTexts } from '../helpers/gazette.ts';
import { findQuantities, parseChineseNumeral, parseQuantity, type QuantityKind } from '../../domain/cn-numbers.ts';

/** The four gazette texts (the committed copies, seeds/sources/). */
const texts = gazetteTexts().map((t) => fs.readFileSync(t.file, 'utf8'));

describe('parseChineseNumeral', () => {
  it.each([
    ['两千', '2000'],
    ['一点四', '1.4'],
    ['三千五百', '3500'],
    ['十二', '12'],
    ['十', '10'],
    ['一十二', '12'],
    ['二十', '20'],
    ['一百零五', '105'],
    ['三千零五', '3005'],
    ['一千零五十', '1050'],
    ['两千五', '2500'],
    ['一万二', '12000'],
    ['一万两千', '12000'],
    ['十万', '100000'],
    ['一百二十万', '1200000'],
    ['一亿三千万', '130000000'],
    ['一亿零五百万', '105000000'],
    ['一万亿', '1000000000000'],
    ['一万三千亿', '1300000000000'],
    ['一点四万亿', '1400000000000'],
    ['零点五', '0.5'],
    ['二〇三五', '2035'],
    ['〇', '0'],
    ['负三', '-3'],
    ['百分之八', '8'],
    ['百分之三十五', '35'],
    ['百分之一点五', '1.5'],
    ['1.27万', '12700'],
    ['1.4万亿', '1400000000000'],
    ['3000亿', '300000000000'],
    ['5000万', '50000000'],
    ['3,000', '3000'],
    ['１２．５', '12.5'],
    ['1.4 万亿', '1400000000000'],
    ['-16', '-16'],
    ['0.08', '0.08'],
  ])('%s → %s', (text, expected) => {
    expect(parseChineseNumeral(text)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '万', '亿', '点四', '一点', '五百三千', '三三千', '1.2.3', '1e5', '3,00', '百分之', '五千米', '1.4万亿元', '超过3', '一万万', 'NaN'])(
    '%j is not a numeral',
    (text) => {
      expect(parseChineseNumeral(text)).toBeNull();
    },
  );

  it('keeps every digit (no float rounding) and refuses what it cannot keep exactly', () => {
    expect(parseChineseNumeral('1.23456789012345678万亿')).toBe('1234567890123.45678');
    expect(parseChineseNumeral('0.1')).toBe('0.1');
    expect(parseChineseNumeral('9007199254740993')).toBe('9007199254740993');
    expect(parseChineseNumeral('1234567890123456789012345678901234')).toBeNull();
  });
});

type Expect = { value: string; unit: string | null; qualifier: string | null; kind: QuantityKind; change?: string | null; high?: string | null };
const amount = (value: string, unit: string | null, qualifier: string | null = null): Expect => ({ value, unit, qualifier, kind: 'amount' });
const percent = (value: string, qualifier: string | null = null): Expect => ({ value, unit: '%', qualifier, kind: 'percent' });

/** Quoted verbatim from the four gazette texts (checked below); values in the unit as written. */
const DOCUMENT_CASES: Array<[string, Expect]> = [
  ['1.4 万亿元', amount('1.4', '万亿元')],
  ['超3000亿元', amount('3000', '亿元', '超')],
  ['分别达到1.27万家', amount('1.27', '万家', '分别达到')],
  ['分别超过1.28万家', amount('1.28', '万家', '分别超过')],
  ['8.6万家', amount('8.6', '万家')],
  ['超过3万亿元', amount('3', '万亿元', '超过')],
  ['超过2万亿元', amount('2', '万亿元', '超过')],
  ['达到5万亿元', amount('5', '万亿元', '达到')],
  ['达到1.65万亿元', amount('1.65', '万亿元', '达到')],
  ['达到1.1万亿元', amount('1.1', '万亿元', '达到')],
  ['近7000亿元', amount('7000', '亿元', '近')],
  ['达到4000亿元', amount('4000', '亿元', '达到')],
  ['达到1200亿元', amount('1200', '亿元', '达到')],
  ['超过1100亿元', amount('1100', '亿元', '超过')],
  ['超过1300亿元', amount('1300', '亿元', '超过')],
  ['达到200亿', amount('200', '亿', '达到')],
  ['5000 亿元以上', amount('5000', '亿元', '以上')],
  ['50 亿元及以上', amount('50', '亿元', '及以上')],
  ['保持在40亿美元以上', amount('40', '亿美元', '以上')],
  ['达37.1万元', amount('37.1', '万元', '达')],
  ['力争达到5万元以上', amount('5', '万元', '以上')],
  ['10 万元以内', amount('10', '万元', '以内')],
  ['高于5万元', amount('5', '万元', '高于')],
  ['超过6.7万家', amount('6.7', '万家', '超过')],
  ['突破1万家', amount('1', '万家', '突破')],
  ['7.2万家以上', amount('7.2', '万家', '以上')],
  ['9000家以上', amount('9000', '家', '以上')],
  ['超过6800家', amount('6800', '家', '超过')],
  ['分别超过7110家', amount('7110', '家', '分别超过')],
  ['分别超过4640家', amount('4640', '家', '分别超过')],
  ['分别超过1060家', amount('1060', '家', '分别超过')],
  ['29780家', amount('29780', '家')],
  ['46560家', amount('46560', '家')],
  ['超500家', amount('500', '家', '超')],
  ['突破500家', amount('500', '家', '突破')],
  ['达到1000家', amount('1000', '家', '达到')],
  ['达850家', amount('850', '家', '达')],
  ['100家以上', amount('100', '家', '以上')],
  ['2—3家', { ...amount('2', '家'), high: '3' }],
  ['20—30家', { ...amount('20', '家'), high: '30' }],
  ['300万人以上', amount('300', '万人', '以上')],
  ['达到2200万人', amount('2200', '万人', '达到')],
  ['达到8000万人次', amount('8000', '万人次', '达到')],
  ['达1亿人次', amount('1', '亿人次', '达')],
  ['达到1900万千瓦', amount('1900', '万千瓦', '达到')],
  ['1860亿千瓦时', amount('1860', '亿千瓦时')],
  ['达到2.5亿吨', amount('2.5', '亿吨', '达到')],
  ['超过7300公里', amount('7300', '公里', '超过')],
  ['稳定在2665万亩以上', amount('2665', '万亩', '以上')],
  ['稳定在338天左右', amount('338', '天', '左右')],
  ['超过2.2m²', amount('2.2', 'm²', '超过')],
  ['约14平方公里', amount('14', '平方公里', '约')],
  ['达到100项以上', amount('100', '项', '以上')],
  ['超4.5个', amount('4.5', '个', '超')],
  ['提高至19.4%', percent('19.4', '提高至')],
  ['分别提高至32%', percent('32', '分别提高至')],
  ['提高到26%', percent('26', '提高到')],
  ['提高到54%', percent('54', '提高到')],
  ['超过1.6%', percent('1.6', '超过')],
  ['超过5.7%', percent('5.7', '超过')],
  ['超48.15%', percent('48.15', '超')],
  ['分别超过24%', percent('24', '分别超过')],
  ['达到65%', percent('65', '达到')],
  ['不低于50%', percent('50', '不低于')],
  ['70%以上', percent('70', '以上')],
  ['稳定在95%以上', percent('95', '以上')],
  ['巩固在98.5%以上', percent('98.5', '以上')],
  ['控制在5.5%左右', percent('5.5', '左右')],
  ['控制在2‰以内', { value: '2', unit: '‰', qualifier: '以内', kind: 'percent' }],
  ['达100%', percent('100', '达')],
  ['-16%', percent('-16')],
  ['年均增长15.6%', { value: '15.6', unit: '%', qualifier: null, kind: 'growth', change: '年均增长' }],
  ['年均增长10%以上', { value: '10', unit: '%', qualifier: '以上', kind: 'growth', change: '年均增长' }],
  ['降低15%左右', { value: '15', unit: '%', qualifier: '左右', kind: 'growth', change: '降低' }],
  ['增长1个百分点', { value: '1', unit: '个百分点', qualifier: null, kind: 'percentagePoints', change: '增长' }],
  ['0.08个百分点', { value: '0.08', unit: '个百分点', qualifier: null, kind: 'percentagePoints' }],
  ['0.6个百分点', { value: '0.6', unit: '个百分点', qualifier: null, kind: 'percentagePoints' }],
  ['5个百分点', { value: '5', unit: '个百分点', qualifier: null, kind: 'percentagePoints' }],
  ['翻一番', { value: '2', unit: null, qualifier: null, kind: 'multiple' }],
  ['30左右', amount('30', null, '左右')],
  ['>6', amount('6', null, '>')],
  ['小于0.015', amount('0.015', null, '小于')],
  ['十四个', amount('14', '个')],
];

/** The brief's cases, with the indicator's unit where one is given. */
const BRIEF_CASES: Array<[string, string | null, Expect]> = [
  ['1.4万亿元', '亿元', amount('14000', '万亿元')],
  ['3000亿元', '亿元', amount('3000', '亿元')],
  ['1.27万家', null, amount('1.27', '万家')],
  ['1.27万家', '家', amount('12700', '万家')],
  ['超过1.28万家', '万家', amount('1.28', '万家', '超过')],
  ['35%左右', '%', percent('35', '左右')],
  ['2%以上', null, percent('2', '以上')],
  ['提高至35%', '%', percent('35', '提高至')],
  ['提高至35%左右', '%', percent('35', '左右')],
  ['力争达到2%以上', null, percent('2', '以上')],
  ['年均增长6%', null, { value: '6', unit: '%', qualifier: null, kind: 'growth', change: '年均增长' }],
  ['增长10%左右', null, { value: '10', unit: '%', qualifier: '左右', kind: 'growth', change: '增长' }],
  ['提高2个百分点', '%', { value: '2', unit: '个百分点', qualifier: null, kind: 'percentagePoints', change: '提高' }],
  ['翻一番', null, { value: '2', unit: null, qualifier: null, kind: 'multiple' }],
  ['翻两番', null, { value: '4', unit: null, qualifier: null, kind: 'multiple' }],
  ['3倍', null, { value: '3', unit: '倍', qualifier: null, kind: 'multiple' }],
  ['两千亿元', null, amount('2000', '亿元')],
  ['两千亿元', '亿元', amount('2000', '亿元')],
  ['两千亿元', '万亿元', amount('0.2', '亿元')],
  ['一点四万亿元', '亿元', amount('14000', '万亿元')],
  ['三千五百万元', '亿元', amount('0.35', '万元')],
  ['百分之八', null, percent('8')],
  ['百分之八', '%', percent('8')],
  ['5000万元', '亿元', amount('0.5', '万元')],
  ['1.2万', '亿元', amount('12000', '万')],
  ['1.2万', null, amount('1.2', '万')],
  ['2万', '万人', amount('2', '万')],
  ['5万人', '亿元', amount('5', '万人')],
  ['[-16%]', '%', percent('-16')],
  ['300多家', null, amount('300', '家', '多')],
  ['32', '亿元', amount('32', null)],
  ['１２．５％', null, percent('12.5')],
  // one space between the words and the number, as PDF text extraction leaves it
  ['年均增长 6%', null, { value: '6', unit: '%', qualifier: null, kind: 'growth', change: '年均增长' }],
  ['超过 1.28 万家', '家', amount('12800', '万家', '超过')],
  ['提高至 35% 左右', '%', percent('35', '左右')],
  ['5000 亿元 以上', '亿元', amount('5000', '亿元', '以上')],
];

function check(q: ReturnType<typeof parseQuantity>, e: Expect, text: string) {
  expect(q, text).not.toBeNull();
  expect(q!.value, `${text} value`).toBe(e.value);
  expect(q!.unit, `${text} unit`).toBe(e.unit);
  expect(q!.qualifier, `${text} qualifier`).toBe(e.qualifier);
  expect(q!.kind, `${text} kind`).toBe(e.kind);
  if (e.change !== undefined) expect(q!.change, `${text} change`).toBe(e.change);
  expect(q!.high, `${text} high`).toBe(e.high ?? null);
  expect(q!.text, `${text} text`).toBe(text);
}

describe('parseQuantity: the table of cases from the four gazette texts', () => {
  it('holds enough cases', () => {
    expect(DOCUMENT_CASES.length).toBeGreaterThanOrEqual(80);
  });
  it('every case is quoted verbatim from the texts', () => {
    const missing = DOCUMENT_CASES.map(([t]) => t).filter((t) => !texts.some((x) => x.includes(t)));
    expect(missing).toEqual([]);
  });
  it.each(DOCUMENT_CASES)('%s', (text, e) => {
    check(parseQuantity(text), e, text);
  });
  it.each(DOCUMENT_CASES)('findQuantities finds %s alone as one quantity', (text, e) => {
    const found = findQuantities(text);
    expect(found.map((f) => f.quantity.text)).toEqual([text]);
    check(found[0]!.quantity, e, text);
  });
});

describe('parseQuantity: the brief cases, in the indicator unit', () => {
  it.each(BRIEF_CASES)('%s in %s', (text, unit, e) => {
    const q = parseQuantity(text, { unit });
    check(q, e, text);
  });
  it('says which unit the value is in', () => {
    expect(parseQuantity('1.4万亿元', { unit: '亿元' })?.valueUnit).toBe('亿元');
    expect(parseQuantity('1.4万亿元')?.valueUnit).toBe('万亿元');
    expect(parseQuantity('5万人', { unit: '亿元' })?.valueUnit).toBe('万人');
    expect(parseQuantity('2—3万家', { unit: '家' })).toMatchObject({ value: '20000', high: '30000', valueUnit: '家' });
  });
  it.each(['', '   ', '增长', '超过', '左右', '2027年', '〔2023〕13号', '1.4万亿元和8.6万家', 'abc', '35%左右，', '十四五', '千项'])('%j is not one quantity', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe('findQuantities in sentences of the texts', () => {
  it('finds each quantity with its position and qualifiers, and not years, document numbers or words', () => {
    const line = '到2027年，渝西地区规模以上工业企业实现营业收入 1.4 万亿元，占全市规模以上工业比重提高至35%左右，研发投入强度达到2%以上，渝府〔2023〕13号，“十四五”期间培育一批，两个。';
    const found = findQuantities(line);
    expect(found.map((f) => line.slice(f.start, f.end))).toEqual(['1.4 万亿元', '提高至35%左右', '达到2%以上']);
    expect(found.map((f) => f.quantity.text)).toEqual(['1.4 万亿元', '提高至35%左右', '达到2%以上']);
    expect(found[1]!.quantity).toMatchObject({ value: '35', before: '提高至', after: '左右', kind: 'percent' });
  });
  it('reads 汉字 quantities and leaves 汉字 words alone', () => {
    const line = '力争两千亿元，一点四万亿元，百分之八，翻一番，三千五百家；一批企业，两个中心，百校千项，千万吨级企业，十四五规划。';
    expect(findQuantities(line).map((f) => [f.quantity.text, f.quantity.value, f.quantity.unit])).toEqual([
      ['力争两千亿元', '2000', '亿元'],
      ['一点四万亿元', '1.4', '万亿元'],
      ['百分之八', '8', '%'],
      ['翻一番', '2', null],
      ['三千五百家', '3500', '家'],
    ]);
  });
  it('reads the flattened table rows: a number with a unit or a hedge, not the bare columns', () => {
    const row = '工业增加值占地区生产总值比重	%	预期性	28	30左右	0.4个百分点';
    expect(findQuantities(row).map((f) => f.quantity.text)).toEqual(['30左右', '0.4个百分点']);
  });
  it('one space is allowed between a word and the number, two are not', () => {
    expect(findQuantities('营业收入年均增长 6%，比重提高至 35% 左右').map((f) => [f.quantity.text, f.quantity.change, f.quantity.qualifier])).toEqual([
      ['年均增长 6%', '年均增长', null],
      ['提高至 35% 左右', null, '左右'],
    ]);
    expect(findQuantities('增长  6%').map((f) => f.quantity.text)).toEqual(['6%']);
    // and a year or a code after the space is still not a quantity
    expect(findQuantities('期限原则上不超过 1 年，达到 100 年一遇标准，算力突破 1000P，提升 4K，增加 5G 手机')).toEqual([]);
    expect(findQuantities('超过2.2m²').map((f) => f.quantity.text)).toEqual(['超过2.2m²']);
  });
  it('a word before the number belongs to one quantity only ("通达超过80个": 超过)', () => {
    const line = '航线达到115条，通达超过80个全球主要城市';
    expect(findQuantities(line).map((f) => [f.quantity.text, f.quantity.qualifier])).toEqual([
      ['达到115条', '达到'],
      ['超过80个', '超过'],
    ]);
  });
  it('over the four texts: hundreds of quantities, each quote at its place and read alike by parseQuantity', () => {
    let count = 0;
    for (const text of texts) {
      for (const line of text.split('\n')) {
        for (const f of findQuantities(line)) {
          count++;
          expect(line.slice(f.start, f.end)).toBe(f.quantity.text);
          const again = parseQuantity(f.quantity.text);
          expect(again, f.quantity.text).toEqual(f.quantity);
        }
      }
    }
    expect(count).toBeGreaterThan(300);
  });
});
