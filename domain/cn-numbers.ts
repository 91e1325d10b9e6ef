/**
 * Chinese numbers and quantities as the planning documents write them: "1.4万亿元", "超过1.28万家",
 * "35%左右", "年均增长6%", "提高2个百分点", "翻一番", "两千亿元", "一点四万亿元", "百分之八".
 *
 * Ours, not a library's, on purpose: no npm package reads these correctly (nzh reads "1.4万亿" as 0 and
 * "百分之八" as 108; chinese-numbers-converter turns "百分点" into "100分点"; none keeps the qualifier or
 * the wording, none converts into an indicator's unit). So it is written here and tested hard
 * (tests/domain/cn-numbers*.test.ts: the cases of the four gazette texts, fast-check properties).
 *
 * Exact: numbers are decimal strings computed with decimal.js (Dec of domain/numbers.ts), never floats.
 * Converting into an indicator's unit is domain/numbers.ts readValueText's rule, called, not copied
 * ("5000万元" in 亿元 is 0.5; a bare magnitude "1.2万" in 亿元 is 12000 亿元).
 * Bounded: every scan is linear (no regex that backtracks over a long run), numerals longer than
 * MAX_NUMERAL characters are not read. Pure: no Node, no DOM.
 */
import { Dec, canonical, readValueText } from './numbers.ts';

export type QuantityKind = 'amount' | 'percent' | 'growth' | 'percentagePoints' | 'multiple';

export interface Quantity {
  /** exact decimal string: in options.unit when given and convertible (see `valueUnit`), else in `unit` */
  value: string;
  /** upper end of a range as written ("2—3家": value 2, high 3), in the same unit as value; else null */
  high: string | null;
  /** the unit as written: 亿元, 万亿元, 万家, %, 个百分点, 万 (a bare magnitude); null when none (翻一番, "32") */
  unit: string | null;
  /** the unit `value` is counted in: options.unit when the value was converted into it, else `unit` */
  valueUnit: string | null;
  /**
   * the hedge or bound as written: the word after the number (以上, 左右, 以内) if any, else the words
   * before it (超过, 不低于, 力争达到, 提高至, 突破); null when none. `before`/`after` keep both.
   */
  qualifier: string | null;
  before: string | null;
  after: string | null;
  /** the change verb before the number (增长, 年均增长, 提高, 下降…): a growth, not a level; else null */
  change: string | null;
  kind: QuantityKind;
  /** the verbatim wording (qualifiers, change verb, number, unit) */
  text: string;
}

/** Longest numeral (characters) this module reads; longer runs are not numbers a plan writes. */
export const MAX_NUMERAL = 40;
/** Significant digits kept exactly; a number with more is refused rather than rounded. */
const MAX_DIGITS = 30;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL: Record<string, number> = { 十: 1, 百: 2, 千: 3 };
const BIG: Record<string, number> = { 万: 4, 亿: 8 };
const HANZI_CHARS = '零〇一二两三四五六七八九十百千万亿';
/** Magnitude words after an Arabic number, longest first (千/百 alone are not: 千米, 百分点 — as domain/numbers.ts). */
const MAGNITUDES = ['万亿', '千亿', '百亿', '千万', '百万', '亿', '万'];
/** After a 汉字 numeral only 万亿/亿/万 are the unit's magnitude: 两千亿元 is 2000 亿元, 三千万元 3000 万元. */
const HANZI_MAGNITUDES = ['万亿', '亿', '万'];

/** Full-width digits, point, signs, percent, comma → ASCII, one character for one (positions are kept). */
export function halfWidthSamePositions(s: string): string {
  return s.replace(/[０-９．－＋％，]/g, (c) => (c === '，' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function pow10(n: number): InstanceType<typeof Dec> {
  return new Dec(10).pow(n);
}

function tooManyDigits(s: string): boolean {
  return s.replace(/^[-+]?0*/, '').replace('.', '').replace(/0+$/, '').length > MAX_DIGITS;
}

/** 汉字 integer: 三千五百 3500, 十二 12, 一万两千 12000, 一亿三千万 130000000, 二〇三五 2035, 两千五 2500. */
function hanziInteger(s: string): InstanceType<typeof Dec> | null {
  if (s === '') return null;
  const chars = [...s];
  // Digit by digit (二〇三五, 一二): only digits, more than one.
  if (chars.every((c) => c in DIGITS)) {
    if (chars.length === 1) return new Dec(DIGITS[chars[0]!]!);
    return new Dec(chars.map((c) => DIGITS[c]).join(''));
  }
  let total = new Dec(0);
  let section = new Dec(0);
  let digit: number | null = null;
  let lastPower = -1; // the power of the unit just read (for "两千五" = 2500), -1 after 零 or a digit
  let smallCeiling = 4; // small units within a section must fall: 三千五百, not 五百三千
  for (const c of chars) {
    if (c in DIGITS) {
      if (digit !== null) return null; // two digits in a row inside a positional numeral
      if (DIGITS[c] === 0) lastPower = -1; // 三千零五: the digit after 零 is units
      else digit = DIGITS[c]!;
      continue;
    }
    const small = SMALL[c];
    if (small !== undefined) {
      if (small >= smallCeiling) return null;
      section = section.plus(new Dec(digit ?? 1).times(pow10(small)));
      smallCeiling = small;
      digit = null;
      lastPower = small;
      continue;
    }
    const big = BIG[c];
    if (big === undefined) return null;
    if (digit !== null) section = section.plus(digit);
    digit = null;
    if (big === 8) {
      if (total.plus(section).isZero()) return null;
      total = total.plus(section).times(pow10(8));
    } else {
      if (section.isZero()) return null; // 万 needs a number before it (一万万 is not written)
      total = total.plus(section.times(pow10(4)));
    }
    section = new Dec(0);
    smallCeiling = 4;
    lastPower = big;
  }
  if (digit !== null) {
    // A digit right after a unit counts one place below it (两千五 2500, 一万二 12000); after 零 it is units.
    section = section.plus(lastPower > 0 ? new Dec(digit).times(pow10(lastPower - 1)) : new Dec(digit));
  }
  return total.plus(section);
}

/** A run of 汉字 magnitude characters (万亿, 千万, 亿) as a power of ten; null if it is not one. */
function hanziMagnitude(s: string): number | null {
  let power = 0;
  for (const c of s) {
    const p = SMALL[c] ?? BIG[c];
    if (p === undefined) return null;
    power += p;
  }
  return power;
}

function hanziNumber(s: string): InstanceType<typeof Dec> | null {
  const dot = s.indexOf('点');
  if (dot < 0) return hanziInteger(s);
  // 一点四, 一点四万亿, 零点五: integer part, 点, digits, then an optional magnitude.
  const intPart = s.slice(0, dot);
  const rest = [...s.slice(dot + 1)];
  let i = 0;
  while (i < rest.length && rest[i]! in DIGITS) i++;
  if (i === 0) return null;
  const frac = rest.slice(0, i).map((c) => DIGITS[c]).join('');
  const mag = rest.slice(i).join('');
  const power = mag === '' ? 0 : hanziMagnitude(mag);
  if (power === null) return null;
  const whole = intPart === '' ? null : hanziInteger(intPart);
  if (whole === null) return null;
  return new Dec(`${whole.toFixed()}.${frac}`).times(pow10(power));
}

const ARABIC_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * A numeral as the documents write it → a canonical decimal string, or null when it is not one:
 * "两千" 2000, "一点四" 1.4, "三千五百" 3500, "十二" 12, "1.27万" 12700, "1.4万亿" 1400000000000,
 * "3000亿" 300000000000, "3,000" 3000, "二〇三五" 2035. "百分之八" is "8" — the number of percent
 * (parseQuantity says the unit: %). Nothing around the number (units, qualifiers) is accepted here.
 */
export function parseChineseNumeral(text: string): string | null {
  const s = halfWidthSamePositions(text).replace(/\s+/g, '');
  if (s === '' || s.length > MAX_NUMERAL) return null;
  if (s.startsWith('百分之')) return s.length > 3 ? parseChineseNumeral(s.slice(3)) : null;
  let value: InstanceType<typeof Dec> | null;
  const m = /^([-+]?[\d,.]+)(.*)$/.exec(s);
  if (m) {
    if (!ARABIC_RE.test(m[1]!) || tooManyDigits(m[1]!.replace(/,/g, ''))) return null;
    const n = new Dec(m[1]!.replace(/,/g, ''));
    if (m[2] === '') value = n;
    else {
      const power = hanziMagnitude(m[2]!);
      value = power === null ? null : n.times(pow10(power));
    }
  } else {
    const negative = s.startsWith('负');
    const v = hanziNumber(negative ? s.slice(1) : s);
    value = v === null ? null : negative ? v.negated() : v;
  }
  if (value === null) return null;
  const out = canonical(value.toFixed());
  return tooManyDigits(out) ? null : out;
}

// ---------------------------------------------------------------------------------------------
// Quantities: [qualifier][change][qualifier] number [magnitude] [unit] [qualifier]

/** Words before the number that bound or hedge it, kept verbatim (longest first when matched). */
const BEFORE_WORDS = [
  '力争达到', '力争超过', '力争突破', '争取达到', '争取超过', '分别达到', '分别超过', '分别提高至', '分别提高到',
  '提高至', '提高到', '提升至', '提升到', '增长至', '增长到', '增加至', '增加到', '降低至', '降低到', '下降至', '下降到', '降至', '减少至', '减少到',
  '不低于', '不少于', '不超过', '不高于', '不大于', '不小于', '高于', '低于', '大于', '小于', '多于',
  '控制在', '稳定在', '保持在', '巩固在', '维持在', '达到', '超过', '突破', '力争', '争取', '达', '超', '约', '近', '逾',
  '>=', '<=', '≥', '≤', '>', '<',
];
/** Change verbs before the number: the number is a change (growth), not a level. */
const CHANGE_WORDS = ['年均增长', '年均提高', '年均提升', '年均下降', '年均降低', '年均减少', '年均增加', '增长', '提高', '提升', '下降', '降低', '减少', '增加', '增速'];
/** Words after the number (and unit). */
const AFTER_WORDS = ['及以上', '及以下', '以上', '以下', '以内', '左右', '上下', '多'];
/**
 * Units after the number, longest first. Counted things of the documents; 年/月/日/号 are not units
 * (years, dates, document numbers are not quantities).
 */
const UNIT_WORDS = [
  '个百分点', '百分点', '%', '‰', '倍', '个工作日', '工作日', '小时', '分钟', '天', 'm²',
  '吨标准煤', '千瓦时', '平方公里', '平方米', '标准箱', '人次', '千瓦', '公里', '千米', '美元', '元', '家', '个', '人', '项', '件', '户', '台', '辆',
  '吨', '亩', '所', '座', '条', '名', '套', '张', '种', '批', '处', '栋', '床', '部', '款', '场', '次', '位', '支', '只', '艘', '架', '篇', '册', '箱',
];
const SORTED_BEFORE = [...BEFORE_WORDS].sort((a, b) => b.length - a.length);
const SORTED_CHANGE = [...CHANGE_WORDS].sort((a, b) => b.length - a.length);
const SORTED_AFTER = [...AFTER_WORDS].sort((a, b) => b.length - a.length);
const SORTED_UNITS = [...UNIT_WORDS].sort((a, b) => b.length - a.length);
const SORTED_LEADING = [...CHANGE_WORDS, ...BEFORE_WORDS].sort((a, b) => b.length - a.length);

function wordAt(s: string, at: number, words: readonly string[]): string | null {
  for (const w of words) if (s.startsWith(w, at)) return w;
  return null;
}
function wordEndingAt(s: string, end: number, words: readonly string[]): string | null {
  for (const w of words) if (end - w.length >= 0 && s.startsWith(w, end - w.length)) return w;
  return null;
}

interface Core {
  /** where the number itself starts and ends in the (half-width) text */
  start: number;
  end: number;
  /** the number as a decimal string, in its own magnitude (1.4 for 1.4万亿) */
  number: string;
  high: string | null;
  /** magnitude as written after the number (万亿, 亿, 万) or '' */
  magnitude: string;
  /** percent said in words (百分之八) */
  percentWords: boolean;
  /** 翻一番: a multiple with no unit */
  multiple: string | null;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\u3000';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHanzi = (c: string | undefined) => c !== undefined && HANZI_CHARS.includes(c);
const RANGE_DASHES = '—–-～~';

/** Reads an Arabic run at `at` (digits, one point, commas between groups of three); the end or -1. */
function arabicEnd(s: string, at: number): number {
  let i = at;
  if (s[i] === '-' || s[i] === '+' || s[i] === '−') i++;
  if (!isDigit(s[i])) return -1;
  while (isDigit(s[i]) || (s[i] === ',' && isDigit(s[i + 1]) && isDigit(s[i + 2]) && isDigit(s[i + 3]) && !isDigit(s[i + 4]))) i++;
  if (s[i] === '.' && isDigit(s[i + 1])) {
    i++;
    while (isDigit(s[i])) i++;
  }
  return i;
}

function hanziEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && (isHanzi(s[i]) || (s[i] === '点' && isHanzi(s[i + 1]) && i > at))) i++;
  return i;
}

/** 翻一番 2, 翻两番 4, 翻番 2 (each 番 doubles). */
function readDoubling(s: string, at: number): { end: number; multiple: string } | null {
  if (s[at] !== '翻') return null;
  if (s[at + 1] === '番') return { end: at + 2, multiple: '2' };
  const n = DIGITS[s[at + 1] ?? ''];
  if (n !== undefined && n > 0 && s[at + 2] === '番') return { end: at + 3, multiple: new Dec(2).pow(n).toFixed() };
  return null;
}

/** The number that starts at `at` (no qualifier), or null. Spaces between number and magnitude are allowed ("1.4 万亿元"). */
function readCore(s: string, at: number): Core | null {
  const doubling = readDoubling(s, at);
  if (doubling) return { start: at, end: doubling.end, number: doubling.multiple, high: null, magnitude: '', percentWords: false, multiple: doubling.multiple };
  let i = at;
  let percentWords = false;
  if (s.startsWith('百分之', i)) {
    percentWords = true;
    i += 3;
  }
  const aEnd = percentWords ? -1 : arabicEnd(s, i);
  if (aEnd > 0) {
    if (aEnd - i > MAX_NUMERAL) return null;
    const number = parseChineseNumeral(s.slice(i, aEnd));
    if (number === null) return null;
    let end = aEnd;
    let high: string | null = null;
    // A range: 2—3家, 20-30家 (the second number in the same magnitude and unit).
    if (RANGE_DASHES.includes(s[end] ?? '\0') && isDigit(s[end + 1])) {
      const hEnd = arabicEnd(s, end + 1);
      const h = hEnd > 0 && hEnd - end <= MAX_NUMERAL ? parseChineseNumeral(s.slice(end + 1, hEnd)) : null;
      if (h !== null) {
        high = h;
        end = hEnd;
      }
    }
    let j = end;
    while (s[j] === ' ' || s[j] === '\u3000') j++;
    const mag = wordAt(s, j, MAGNITUDES);
    if (mag && j - end <= 1) return { start: at, end: j + mag.length, number, high, magnitude: mag, percentWords, multiple: null };
    return { start: at, end, number, high, magnitude: '', percentWords, multiple: null };
  }
  const hEnd = hanziEnd(s, i);
  if (hEnd === i || hEnd - i > MAX_NUMERAL) return null;
  // A 汉字 numeral starts with a digit or 十: 千项, 百校, 万亩 are words, not numbers.
  if (!/^[零〇一二两三四五六七八九十]/.test(s[i]!)) return null;
  let run = s.slice(i, hEnd);
  // The trailing magnitude of a 汉字 numeral is its unit's, as for an Arabic one (两千亿元: 2000 亿元), unless
  // a larger part sits before it (一亿三千万 is one number).
  let magnitude = '';
  for (const m of HANZI_MAGNITUDES) {
    if (run.endsWith(m) && run.length > m.length) {
      const head = run.slice(0, -m.length);
      if (!/[万亿]/.test(head) && !head.endsWith('点') && parseChineseNumeral(head) !== null) {
        magnitude = m;
        run = head;
      }
      break;
    }
  }
  const number = parseChineseNumeral(run);
  if (number === null) return null;
  return { start: at, end: hEnd, number, high: null, magnitude, percentWords, multiple: null };
}

interface Reading {
  start: number;
  end: number;
  quantity: Quantity;
}

function kindOf(unitWord: string | null, core: Core, change: string | null): QuantityKind {
  if (core.multiple !== null || unitWord === '倍') return 'multiple';
  if (unitWord === '个百分点' || unitWord === '百分点') return 'percentagePoints';
  if (unitWord === '%' || unitWord === '‰' || core.percentWords) return change ? 'growth' : 'percent';
  return 'amount';
}

/** Around a number read at core: the words before it (from `floor` on), its unit, the words after it. */
function around(original: string, s: string, core: Core, floor: number, options: { unit?: string | null | undefined }): Reading {
  // Before: qualifier / change verb / qualifier, each at most once, read backwards.
  let start = core.start;
  let change: string | null = null;
  const befores: string[] = [];
  // One bound word at most (力争达到 is one word of the list): "通达超过80个" is 超过, not 达 + 超过.
  for (let step = 0; step < 2; step++) {
    // One space may stand between a word and what follows it ("增长 10%", as text extraction leaves it).
    const wordEnd = isSpace(s[start - 1]) && !isSpace(s[start - 2]) ? start - 1 : start;
    const c: string | null = change === null ? wordEndingAt(s, wordEnd, SORTED_CHANGE) : null;
    const b: string | null = befores.length === 0 ? wordEndingAt(s, wordEnd, SORTED_BEFORE) : null;
    // The longer word wins (提高至 is a bound, 提高 a change).
    const pick: { w: string; change: boolean } | null = c && (!b || c.length > b.length) ? { w: c, change: true } : b ? { w: b, change: false } : null;
    if (!pick || wordEnd - pick.w.length < floor) break;
    if (pick.change) change = pick.w;
    else befores.unshift(pick.w);
    start = wordEnd - pick.w.length;
  }
  // After: unit, then a word such as 以上.
  let end = core.end;
  let j = end;
  // 300多家, 2000余人: the approximation sits between the number and its unit.
  let approx: string | null = null;
  if (core.multiple === null && (s[j] === '多' || s[j] === '余') && wordAt(s, j + 1, SORTED_UNITS)) {
    approx = s[j]!;
    j++;
  }
  if (core.multiple === null && (s[j] === ' ' || s[j] === '\u3000') && wordAt(s, j + 1, SORTED_UNITS)) j++;
  const unitWord = core.multiple === null ? wordAt(s, j, SORTED_UNITS) : null;
  if (unitWord) end = j + unitWord.length;
  const spaced = isSpace(s[end]) && /^[以左及]/.test(s[end + 1] ?? '');
  const afterWord = wordAt(s, spaced ? end + 1 : end, SORTED_AFTER);
  if (afterWord) end += afterWord.length + (spaced ? 1 : 0);
  const after = approx !== null ? `${approx}${afterWord ?? ''}` : afterWord;
  const kind = kindOf(unitWord, core, change);
  const written = core.percentWords ? '%' : `${core.magnitude}${unitWord ?? ''}` || null;
  let value = core.number;
  let high = core.high;
  let valueUnit = written;
  const target = options.unit?.trim() ? options.unit.trim() : null;
  if (target !== null && core.multiple === null && kind !== 'multiple') {
    const conv = (n: string) => {
      const r = readValueText(`${n}${written ?? ''}`, target);
      return r.ok && r.value !== null ? r.value : null;
    };
    const v = conv(value);
    const h = high === null ? null : conv(high);
    if (v !== null && (high === null || h !== null)) {
      value = v;
      high = h;
      valueUnit = target;
    }
  }
  const before = befores.length ? befores.join('') : null;
  return {
    start,
    end,
    quantity: {
      value,
      high,
      unit: core.multiple !== null ? null : written,
      valueUnit: core.multiple !== null ? null : valueUnit,
      qualifier: after ?? before,
      before,
      after,
      change,
      kind,
      text: original.slice(start, end),
    },
  };
}

/**
 * One quantity written out: "1.4万亿元", "超过1.28万家", "35%左右", "年均增长6%", "提高2个百分点", "翻一番",
 * "两千亿元", "百分之八", "32". With options.unit the value is counted in that unit where the wording
 * converts (readValueText's rule: "1.4万亿元" in 亿元 is 14000, "5000万元" 0.5, "1.2万" 12000); where it
 * does not ("5万人" in 亿元) the value stays in the written unit and valueUnit says which.
 * Null when the text is not exactly one quantity.
 */
export function parseQuantity(text: string, options: { unit?: string | null } = {}): Quantity | null {
  if (text.length > 4 * MAX_NUMERAL) return null;
  const original = text.trim();
  if (original === '') return null;
  const s = halfWidthSamePositions(original);
  // The number is after the leading words: find where a number can start, past qualifier/change words.
  let at = 0;
  let bound = false;
  let changed = false;
  for (let step = 0; step < 2; step++) {
    const w = wordAt(s, at, SORTED_LEADING);
    if (!w) break;
    const isChange = CHANGE_WORDS.includes(w) && !BEFORE_WORDS.includes(w);
    if (isChange ? changed : bound) break;
    if (isChange) changed = true;
    else bound = true;
    at += w.length;
    if (isSpace(s[at]) && !isSpace(s[at + 1])) at++;
  }
  // Brackets of the tables ("[-16%]") are kept in the wording, not read.
  const bracketed = s[at] === '[' || s[at] === '【';
  const coreAt = bracketed ? at + 1 : at;
  const core = readCore(s, coreAt);
  if (!core) return null;
  const r = around(original, s, core, bracketed ? coreAt : 0, options);
  let end = r.end;
  if (bracketed && (s[end] === ']' || s[end] === '】')) end++;
  if ((bracketed ? at : r.start) !== 0 || end !== s.length) return null;
  return { ...r.quantity, text: original };
}

/** True when a number starting here is the tail of a longer word or number (not a quantity of its own). */
function midRun(s: string, at: number): boolean {
  const prev = s[at - 1];
  // A comma or point is inside a number only between digits ("3,000", "1.4"); "，1亿元" starts one.
  if (isDigit(s[at]) || s[at] === '-' || s[at] === '+') return isDigit(prev) || ((prev === '.' || prev === ',') && isDigit(s[at - 2]));
  return isHanzi(prev) || prev === '点' || prev === '之';
}

/**
 * A 汉字 numeral with a place (十百千万亿) or a point, starting with a digit or 十 — not a lone digit as
 * in 一批, 两个, 三是, nor a word such as 百校千项, 千万吨级.
 */
const positional = (run: string) => /[十百千万亿点]/.test(run) && /^[零〇一二两三四五六七八九十]/.test(run);

/** Years, dates, document numbers and list numbers are not quantities: 2027年, 〔2023〕13号, 1月. */
const NOT_AFTER = /^[年月日号时〕\]）)]/;

/**
 * Every quantity in a sentence, with its position in `text` (for quoting): numbers with a unit,
 * a percent, 个百分点, a magnitude (万, 亿), or a qualifier/change word ("超过2000"); "翻一番"; 汉字
 * numerals only with a magnitude or a point ("两千亿元", "一点四万亿元") or as 百分之…, so that words such
 * as 一批, 两个, 十四五 are not read as numbers. Linear in the length of the text.
 */
export function findQuantities(text: string): Array<{ start: number; end: number; quantity: Quantity }> {
  const s = halfWidthSamePositions(text);
  const out: Array<{ start: number; end: number; quantity: Quantity }> = [];
  let floor = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const candidate =
      ((isDigit(c) || ((c === '-' || c === '−') && isDigit(s[i + 1]) && !/[\w.]/.test(s[i - 1] ?? ''))) && !midRun(s, i)) ||
      c === '翻' ||
      (isHanzi(c) && !midRun(s, i));
    if (!candidate) {
      i++;
      continue;
    }
    const core = readCore(s, i);
    if (!core) {
      // Skip the whole run, so a long run is looked at once (linear time).
      i = Math.max(i + 1, isDigit(c) ? arabicEnd(s, i) : c === '翻' ? i + 1 : hanziEnd(s, i));
      continue;
    }
    const r = around(text, s, core, floor, {});
    const q = r.quantity;
    const hanzi = !isDigit(s[core.start]) && s[core.start] !== '-' && s[core.start] !== '−';
    const hasUnit = q.unit !== null || core.multiple !== null;
    const worded = q.before !== null || q.change !== null || q.after !== null;
    // What follows the number, past one space: a year or date word, or a Latin letter (5G, 4K, 1000P)
    // when no unit was read, says it is not a quantity.
    const next = s[isSpace(s[core.end]) ? core.end + 1 : core.end] ?? '';
    const accept =
      !NOT_AFTER.test(next) &&
      !(q.unit === null && core.multiple === null && /[A-Za-z]/.test(next)) &&
      !s.startsWith('级', core.end) &&
      !s.startsWith('级', r.end) &&
      (hanzi
        ? core.multiple !== null || core.percentWords || (positional(s.slice(core.start, core.end)) && q.unit !== null && q.unit !== core.magnitude)
        : hasUnit || worded);
    if (accept) {
      out.push({ start: r.start, end: r.end, quantity: q });
      floor = r.end;
      i = r.end;
    } else i = Math.max(i + 1, core.end);
  }
  return out;
}
