import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec, allowsNegative, canonical, isDecimalString, parseDecimal, parseValueText, readValueText, splitUnit, wordingDiffers, wordingSaysMore } from '../../domain/numbers.ts';

describe('parseDecimal', () => {
  it.each([
    ['14000', '14000'],
    ['14,000', '14000'],
    ['14，000', '14000'],
    [' 3000 ', '3000'],
    ['１２.５', '12.5'],
    ['１２．５', '12.5'],
    ['－16', '-16'],
    ['+7', '7'],
    ['007', '7'],
    ['2.50', '2.5'],
    ['-0', '0'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['1 000', '1000'],
  ])('%j → %s', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it.each(['', 'abc', '1e5', '1.2.3', '--1', '30左右', '3000亿元', 'NaN', 'Infinity', '0x10'])('%j is not a plain number', (input) => {
    expect(parseDecimal(input)).toBeNull();
  });

  it('keeps every digit (no float rounding)', () => {
    expect(parseDecimal('12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
    expect(new Dec('0.1').plus('0.2').toFixed()).toBe('0.3');
  });

  it('canonical and isDecimalString', () => {
    expect(canonical('14000.00')).toBe('14000');
    expect(canonical('-0.0')).toBe('0');
    expect(isDecimalString('-2.5')).toBe(true);
    expect(isDecimalString('2,5')).toBe(false);
  });
});

describe('parseValueText (a value as planners type it)', () => {
  it.each([
    ['3,000', '亿元', '3000', null],
    ['', '亿元', null, null],
    ['   ', '亿元', null, null],
    ['30左右', '%', '30', '30左右'],
    ['>6', '%', '6', '>6'],
    ['6以上', '%', '6', '6以上'],
    ['[-16%]', '%', '-16', '[-16%]'],
    ['约 500', '个', '500', '约 500'],
    ['1.4万亿', '亿元', '14000', '1.4万亿'],
    ['1.4万亿元', '亿元', '14000', '1.4万亿元'],
    ['3000亿元', '亿元', '3000', '3000亿元'],
    ['2万', '万人', '2', '2万'],
    ['不低于１２', '%', '12', '不低于１２'],
    // issue 13: a bare magnitude smaller than the cell's multiplies the number (counted in the cell's unit)
    ['1.2万', '亿元', '12000', '1.2万'],
    ['１.２万', '亿元', '12000', '１.２万'],
    ['3万', '个', '30000', '3万'],
    ['1.2万', '%', '12000', '1.2万'],
    ['1.4万亿', '%', '1400000000000', '1.4万亿'],
    ['1.4万亿', null, '1400000000000', '1.4万亿'],
    ['-1.5万', '%', '-15000', '-1.5万'],
    // … one at least as large as the cell's names the amount
    ['5000亿', '亿元', '5000', '5000亿'],
    ['1.2亿', '万元', '12000', '1.2亿'],
    ['1.2亿', '万人', '12000', '1.2亿'],
    // a unit written out converts
    ['5000万元', '亿元', '0.5', '5000万元'],
    ['1.2万亿元', '亿元', '12000', '1.2万亿元'],
    ['1 000万元', '亿元', '0.1', '1 000万元'],
    ['3,000万元', '亿元', '0.3', '3,000万元'],
    ['2.5亿元', '万元', '25000', '2.5亿元'],
    ['8000元', '万元', '0.8', '8000元'],
    ['1.28万家', '家', '12800', '1.28万家'],
    ['超过1.28万家', '家', '12800', '超过1.28万家'],
    ['1.4万亿元以上', '亿元', '14000', '1.4万亿元以上'],
    ['30%左右', '%', '30', '30%左右'],
    ['３０％', '%', '30', '３０％'],
    ['5万人', '万人', '5', '5万人'],
    ['120万千瓦', '万千瓦', '120', '120万千瓦'],
  ])('%j in %s → %s (%s)', (input, unit, value, text) => {
    expect(parseValueText(input, unit)).toEqual({ value, text });
  });

  it.each([
    ['很多', '亿元'],
    ['3000美元', '亿元'],
    ['5万人', '亿元'],
    ['30%', '亿元'],
    ['3000亿元', null],
    ['1.2.3万', '亿元'],
    ['万', '亿元'],
    ['1万2', '亿元'],
  ])('%j in %s is refused', (input, unit) => {
    expect(parseValueText(input, unit)).toBeNull();
  });

  it('an incompatible unit is refused naming both units; a word that is no number says so', () => {
    expect(readValueText('5万人', '亿元')).toEqual({ ok: false, problem: 'unit', message: '“5万人”的单位“万人”与本指标的单位“亿元”不相符，无法换算' });
    expect(readValueText('3000亿元', null)).toMatchObject({ ok: false, problem: 'unit', message: expect.stringContaining('没有计量单位') });
    expect(readValueText('很多', '亿元')).toEqual({ ok: false, problem: 'notNumber', message: '“很多”不是有效的数值' });
  });

  it('says when the text carried a magnitude or unit (the editor shows what will be stored) and when it is qualified', () => {
    expect(readValueText('3000', '亿元')).toMatchObject({ converted: false, qualified: false });
    expect(readValueText('1.2万', '亿元')).toMatchObject({ converted: true, qualified: false });
    expect(readValueText('3000亿元', '亿元')).toMatchObject({ converted: true, qualified: false });
    expect(readValueText('约3000', '亿元')).toMatchObject({ converted: false, qualified: true });
    expect(readValueText('[-16%]', '%')).toMatchObject({ converted: true, qualified: true });
  });

  it('splitUnit: magnitude and base word', () => {
    expect(splitUnit('亿元')).toEqual({ magnitude: '亿', power: 8, base: '元' });
    expect(splitUnit('万人')).toEqual({ magnitude: '万', power: 4, base: '人' });
    expect(splitUnit('万千瓦')).toEqual({ magnitude: '万', power: 4, base: '千瓦' });
    expect(splitUnit('万亿元')).toEqual({ magnitude: '万亿', power: 12, base: '元' });
    expect(splitUnit('%')).toEqual({ magnitude: '', power: 0, base: '%' });
    expect(splitUnit('百分点')).toEqual({ magnitude: '', power: 0, base: '百分点' });
    expect(splitUnit(null)).toEqual({ magnitude: '', power: 0, base: '' });
  });
});

describe('parseValueText properties (fast-check)', () => {
  // Decimal strings with up to 8 integer and 4 fraction digits, no sign.
  const decimal = fc
    .tuple(fc.bigInt({ min: 0n, max: 99_999_999n }), fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }))
    .map(([i, f]) => (f === undefined ? i.toString() : `${i}.${String(f).padStart(4, '0')}`));
  const MAGS: [string, number][] = [['万', 4], ['亿', 8], ['万亿', 12], ['千万', 7], ['百万', 6]];
  const money: [string, number][] = [['元', 0], ['万元', 4], ['亿元', 8]];
  const canon = (d: string) => new Dec(d).toFixed();

  it('a plain number is itself in any unit, with or without grouping and full-width digits', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom('亿元', '万元', '万人', '%', '个', null), (d, unit) => {
        expect(parseValueText(d, unit)).toEqual({ value: canon(d), text: null });
        const [int, frac] = d.split('.');
        const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
        expect(parseValueText(grouped, unit)?.value).toBe(canon(d));
        const wide = d.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(parseValueText(wide, unit)?.value).toBe(canon(d));
      }),
    );
  });

  it('a money amount written with any unit converts exactly into any money cell (n × 10^(written − cell))', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...money, ['万亿元', 12] as [string, number]), fc.constantFrom(...money), (d, [w, wp], [cell, cp]) => {
        const r = readValueText(`${d}${w}`, cell);
        expect(r).toMatchObject({ ok: true, converted: true, value: canon(new Dec(d).times(new Dec(10).pow(wp - cp)).toFixed()) });
      }),
    );
  });

  it('converting there and back gives the number typed (no float drift)', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...money), fc.constantFrom(...money), (d, [a], [b]) => {
        const inB = readValueText(`${d}${a}`, b);
        if (!inB.ok || inB.value === null) throw new Error('not read');
        const back = readValueText(`${inB.value}${b}`, a);
        expect(back.ok && back.value).toBe(canon(d));
      }),
    );
  });

  it('a bare magnitude smaller than the cell’s multiplies; one at least as large names the amount', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...MAGS), fc.constantFrom(['亿元', 8], ['万元', 4], ['万人', 4], ['个', 0], ['%', 0]) as fc.Arbitrary<[string, number]>, (d, [m, mp], [cell, cp]) => {
        const expected = mp >= cp ? new Dec(d).times(new Dec(10).pow(mp - cp)) : new Dec(d).times(new Dec(10).pow(mp));
        expect(parseValueText(`${d}${m}`, cell)).toEqual({ value: canon(expected.toFixed()), text: `${d}${m}` });
      }),
    );
  });

  it('qualifiers around the number keep it and its wording', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom('约', '超过', '不低于', '>', '≥', ''), fc.constantFrom('左右', '以上', '以内', ''), (d, pre, post) => {
        fc.pre(pre !== '' || post !== '');
        const text = `${pre}${d}${post}`;
        expect(readValueText(text, '%')).toMatchObject({ ok: true, value: canon(d), text, qualified: true });
        expect(wordingSaysMore(text, canon(d), '%')).toBe(true);
      }),
    );
  });

  it('a base word other than the cell’s is always refused, never read as a number', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom('', '万', '亿'), fc.constantFrom('人', '美元', '家', '吨', '%'), (d, m, base) => {
        const r = readValueText(`${d}${m}${base}`, '亿元');
        expect(r).toMatchObject({ ok: false, problem: 'unit' });
      }),
    );
  });

  it('never throws on any text, and whatever it accepts is a canonical decimal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('亿元', '%', null), (s, unit) => {
        const r = readValueText(s, unit);
        if (r.ok && r.value !== null) expect(isDecimalString(r.value) && canonical(r.value) === r.value).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('allowsNegative', () => {
  it.each([
    [null, true],
    ['%', true],
    ['百分点', true],
    ['‰', true],
    ['亿元', false],
    ['个', false],
    ['万人', false],
  ])('%s → %s', (unit, expected) => {
    expect(allowsNegative(unit)).toBe(expected);
  });
});

describe('wordingSaysMore (show the document’s wording beside the number?)', () => {
  it.each([
    ['30左右', '30', '%', true],
    ['1.4万亿元', '14000', '亿元', false],
    ['1.2万', '12000', '亿元', false],
    ['超过1.28万家', '12800', '家', true],
    ['5000万元', '0.5', '亿元', false],
    ['5000万元', '5000', '亿元', true],
    ['3,000', '3000', '亿元', false],
    ['3，000', '3000', '亿元', false],
    ['3000亿元', '3000', '亿元', false],
    ['3000 亿元', '3000', '亿元', false],
    [null, '3000', '亿元', false],
    ['', '3000', '亿元', false],
    ['约3000', '3000', undefined, true],
    ['3000', '3000', null, false],
    ['无', null, null, true],
  ])('%j for %s %s → %s', (text, value, unit, expected) => {
    expect(wordingSaysMore(text, value, unit)).toBe(expected);
  });
});

describe('wordingDiffers (a kept wording worth a tooltip)', () => {
  it.each([
    ['1.2万', '12000', true],
    ['12,000', '12000', false],
    ['12000', '12000', false],
    [null, '12000', false],
  ])('%j for %s → %s', (text, value, expected) => {
    expect(wordingDiffers(text, value)).toBe(expected);
  });
});
