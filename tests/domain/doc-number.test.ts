/** When two 文号 are one (domain/doc-number.ts): brackets, widths and spaces as typed do not count; the rest does. */
import { describe, expect, it } from 'vitest';
import { docNumberKey, sameDocNumber } from '../../domain/doc-number.ts';

describe('docNumberKey / sameDocNumber', () => {
  it.each([
    ['渝府〔2023〕13号', '渝府〔2023〕13号'],
    ['渝府[2023]13号', '渝府〔2023〕13号'],
    ['渝府［２０２３］１３号', '渝府〔2023〕13号'],
    ['渝府【2023】13号', '渝府〔2023〕13号'],
    ['渝府（2023）13号', '渝府〔2023〕13号'],
    ['渝府﹝2023﹞13号', '渝府〔2023〕13号'],
    [' 渝府 〔2023〕 13号\\t', '渝府〔2023〕13号'],
  ])('%j is the same number as %j', (a, b) => {
    expect(sameDocNumber(a.replace('\\t', '\t'), b)).toBe(true);
  });

  it.each([
    ['渝府〔2023〕13号', '渝府〔2023〕31号'],
    ['渝府〔2023〕13号', '渝府办〔2023〕13号'],
    ['渝府〔2023〕13号', '渝府〔2022〕13号'],
    ['渝府发〔2021〕18号', '渝府发〔2021〕19号'],
  ])('%j and %j are different numbers', (a, b) => {
    expect(sameDocNumber(a, b)).toBe(false);
  });

  it('an empty or blank number is no number: never the same as another', () => {
    expect(sameDocNumber('', '')).toBe(false);
    expect(sameDocNumber('  ', ' ')).toBe(false);
    expect(docNumberKey(' \u3000 ')).toBe('');
  });
});
