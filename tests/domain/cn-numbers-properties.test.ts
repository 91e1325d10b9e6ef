/**
 * Properties of domain/cn-numbers.ts (fast-check): numerals written out in 汉字 by an independent
 * writer read back to the same number; Arabic numbers with a magnitude are shifted exactly; arbitrary
 * and hostile strings never throw and long ones finish (linear scans: a quadratic one would run into
 * the test's time-out on these 200 000-character strings, which is the bound — no timing is asserted).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuantities, parseChineseNumeral, parseQuantity } from '../../domain/cn-numbers.ts';

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–9999 in 汉字 (一千零五, 三千五百, 一十二 or 十二 at the start). */
function four(n: number, leading: boolean, liang: boolean): string {
  const places = ['千', '百', '十', ''];
  const ds = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      if (out !== '') zero = true;
      return;
    }
    if (zero) out += '零';
    zero = false;
    const digit = d === 2 && liang && (places[i] === '千' || places[i] === '百') ? '两' : DIGIT_CHARS[d]!;
    out += leading && out === '' && d === 1 && places[i] === '十' ? '' : digit;
    out += places[i];
  });
  return out;
}

/** An independent writer of integers in 汉字: 亿 and 万 split recursively, 零 where a place is skipped. */
function toHanzi(n: bigint, liang: boolean, leading = true): string {
  if (n === 0n) return '零';
  for (const [unit, size] of [['亿', 100000000n], ['万', 10000n]] as const) {
    if (n >= size) {
      const high = n / size;
      const low = n % size;
      const gap = low !== 0n && low < size / 10n ? '零' : '';
      return `${toHanzi(high, liang, leading)}${unit}${low === 0n ? '' : gap + toHanzi(low, liang, false)}`;
    }
  }
  return four(Number(n), leading, liang);
}

/** Shifts a decimal string by 10^power exactly (string arithmetic, independent of decimal.js). */
function shift(decimal: string, power: number): string {
  const [int, frac = ''] = decimal.split('.');
  const digits = int! + frac.padEnd(power, '0');
  const intLen = int!.length + power;
  const whole = digits.slice(0, intLen).replace(/^0+(?=\d)/, '') || '0';
  const rest = digits.slice(intLen).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

describe('round trips', () => {
  it('an integer written in 汉字 reads back to itself', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), fc.boolean(), (n, liang) => {
        expect(parseChineseNumeral(toHanzi(n, liang))).toBe(n.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('small integers, every one (0–20000)', () => {
    for (let n = 0; n <= 20000; n++) expect(parseChineseNumeral(toHanzi(BigInt(n), n % 2 === 0))).toBe(String(n));
  });

  it('a decimal in 汉字 (一点四, 三十五点零八) reads back, and with 万/亿/万亿 after it', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 99999n }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(['', 0], ['万', 4], ['亿', 8], ['万亿', 12]),
        (int, frac, [mag, power]) => {
          const text = `${toHanzi(int, false)}点${frac.map((d) => DIGIT_CHARS[d]).join('')}${mag}`;
          expect(parseChineseNumeral(text)).toBe(shift(`${int}.${frac.join('')}`, power as number));
        },
      ),
    );
  });

  it('an Arabic number with a magnitude is shifted exactly (1.27万, 1.4万亿, 3000亿)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }),
        fc.constantFrom(['万', 4], ['亿', 8], ['万亿', 12], ['千万', 7], ['百万', 6], ['千亿', 11], ['百亿', 10]),
        (int, frac, [mag, power]) => {
          const decimal = frac.length ? `${int}.${frac.join('')}` : `${int}`;
          expect(parseChineseNumeral(`${decimal}${mag}`)).toBe(shift(decimal, power as number));
        },
      ),
    );
  });

  it('a quantity put together from its parts is read into its parts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '超过', '达到', '力争达到', '不低于', '提高至', '突破', '约'),
        fc.constantFrom('', '年均增长', '增长', '下降'),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.constantFrom('亿元', '万亿元', '万家', '家', '%', '个百分点', '万人', '公里'),
        fc.constantFrom('', '以上', '左右', '以内'),
        (before, change, n, unit, after) => {
          const text = `${change}${before}${n}${unit}${after}`;
          const q = parseQuantity(text);
          expect(q, text).not.toBeNull();
          expect(q!.value).toBe(n.toString());
          expect(q!.unit).toBe(unit);
          expect(q!.before).toBe(before || null);
          expect(q!.change).toBe(change || null);
          expect(q!.after).toBe(after || null);
          expect(q!.qualifier).toBe(after || before || null);
          const kind = unit === '个百分点' ? 'percentagePoints' : unit === '%' ? (change ? 'growth' : 'percent') : 'amount';
          expect(q!.kind).toBe(kind);
          // and inside a sentence, at its place
          const line = `到2027年，${text}，其中`;
          const found = findQuantities(line);
          expect(found.map((f) => line.slice(f.start, f.end))).toEqual([text]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('into an indicator unit: amounts in 万元/亿元/万亿元 convert exactly', () => {
    const powers: Record<string, number> = { 万元: 4, 亿元: 8, 万亿元: 12 };
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 8n }), fc.constantFrom('万元', '亿元', '万亿元'), fc.constantFrom('万元', '亿元', '万亿元'), (n, written, cell) => {
        const q = parseQuantity(`${n}${written}`, { unit: cell });
        const diff = powers[written]! - powers[cell]!;
        const expected = diff >= 0 ? shift(n.toString(), diff) : shiftDown(n.toString(), -diff);
        expect(q?.value).toBe(expected);
        expect(q?.valueUnit).toBe(cell);
      }),
    );
  });
});

function shiftDown(int: string, power: number): string {
  const padded = int.padStart(power + 1, '0');
  const whole = padded.slice(0, padded.length - power).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(padded.length - power).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

const ALPHABET = [...'0123456789.,-—%％万亿千百十点零〇一二两三四五六七八九翻番倍之分个家元人以上左右超过达到提高至增长年均约近[] \t，。（）〔〕号级'];

describe('never throws, always within the text', () => {
  const results = (text: string) => {
    const found = findQuantities(text);
    let last = 0;
    for (const f of found) {
      expect(f.start).toBeGreaterThanOrEqual(last);
      expect(f.end).toBeGreaterThan(f.start);
      expect(text.slice(f.start, f.end)).toBe(f.quantity.text);
      last = f.end;
    }
    parseQuantity(text);
    parseQuantity(text, { unit: '亿元' });
    parseChineseNumeral(text);
  };
  it('on strings of the documents’ own characters', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((a) => a.join('')), (t) => results(t)), { numRuns: 3000 });
  });
  it('on arbitrary Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (t) => results(t)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (t) => results(t)), { numRuns: 1000 });
  });
  it('a value read is always an exact decimal string', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 30 }).map((a) => a.join('')), (t) => {
        const n = parseChineseNumeral(t);
        if (n !== null) expect(n).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        for (const f of findQuantities(t)) expect(f.quantity.value).toMatch(/^-?\d+(\.\d*[1-9])?$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('long hostile strings finish (linear scans)', () => {
  const N = 200_000;
  it.each([
    ['digits', '1'.repeat(N)],
    ['汉字 digits', '一'.repeat(N)],
    ['汉字 places', '一千'.repeat(N / 2)],
    ['points', '1.'.repeat(N / 2)],
    ['groups', '1,'.repeat(N / 2)],
    ['qualifiers', '超过'.repeat(N / 2)],
    ['qualifiers before a number', `${'超过'.repeat(N / 2)}5%`],
    ['percent signs', '%'.repeat(N)],
    ['many quantities', '超过1.28万家以上，'.repeat(N / 10)],
    ['ranges', '1—'.repeat(N / 2)],
    ['百分之', '百分之'.repeat(N / 3)],
    ['翻', '翻一'.repeat(N / 2)],
    ['mixed', '1万2亿3万亿4千5百6十7点8'.repeat(N / 20)],
  ])('%s', (_name, text) => {
    const found = findQuantities(text);
    expect(Array.isArray(found)).toBe(true);
    expect(parseQuantity(text)).toBeNull();
    expect(parseChineseNumeral(text)).toBeNull();
  });
  it('the many-quantities line is read whole', () => {
    expect(findQuantities('超过1.28万家以上，'.repeat(10000))).toHaveLength(10000);
  });
});
