import { describe, expect, it } from 'vitest';
import { Dec, allowsNegative, canonical, isDecimalString, parseDecimal, parseValueText, wordingSaysMore } from '../../domain/numbers.ts';

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
  ])('%j in %s → %s (%s)', (input, unit, value, text) => {
    expect(parseValueText(input, unit)).toEqual({ value, text });
  });

  it.each([
    ['很多', '亿元'],
    ['1.4万亿', '%'],
    ['1.4万亿', null],
    ['3000美元', '亿元'],
  ])('%j in %s is refused', (input, unit) => {
    expect(parseValueText(input, unit)).toBeNull();
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
    ['1.4万亿元', '14000', '亿元', true],
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
