import { describe, expect, it } from 'vitest';
import { MAX_NAME, MAX_TEXT, forbiddenCharacter, splitNames, typedTextProblem } from '../../domain/text.ts';
import { MAX_NAME as CONTRACT_MAX_NAME, MAX_TEXT as CONTRACT_MAX_TEXT } from '../../contract/entities.ts';

describe('typed text', () => {
  it('uses the contract’s limits', () => {
    expect(MAX_TEXT).toBe(CONTRACT_MAX_TEXT);
    expect(MAX_NAME).toBe(CONTRACT_MAX_NAME);
  });

  it.each([
    ['推进项目', null],
    ['', null],
    ['\t制表\n换行', null],
    ['‮reversed', null],
    ['😀 emoji', null],
    ['\uFFFD replacement', null],
    ['\uFDD0 other non-character', null],
    ['ab\u0000cd', 'NUL'],
    ['\u0000', 'NUL'],
    ['end\uFFFE', 'U+FFFE'],
    ['\uFFFF', 'U+FFFF'],
    ['\uFFFF then \u0000', 'U+FFFF'],
  ])('%j → %s', (text, expected) => {
    expect(forbiddenCharacter(text)).toBe(expected);
  });

  it('explains why a text cannot be stored', () => {
    expect(typedTextProblem('推进项目')).toBeNull();
    expect(typedTextProblem('a\u0000b')).toBe('含有不可见的控制字符（NUL）');
    expect(typedTextProblem('a\uFFFEb')).toBe('含有不允许的非字符（U+FFFE）');
    expect(typedTextProblem('a\uFFFFb')).toBe('含有不允许的非字符（U+FFFF）');
    expect(typedTextProblem('x'.repeat(MAX_TEXT))).toBeNull();
    expect(typedTextProblem('x'.repeat(MAX_TEXT + 1))).toBe(`内容过长（${MAX_TEXT + 1} 字，最多 ${MAX_TEXT} 字）`);
    expect(typedTextProblem('名'.repeat(MAX_NAME + 1), MAX_NAME)).toBe(`内容过长（${MAX_NAME + 1} 字，最多 ${MAX_NAME} 字）`);
    expect(typedTextProblem('名'.repeat(MAX_NAME), MAX_NAME)).toBeNull();
  });
});

describe('splitNames (department and district lists as planners write them)', () => {
  it.each([
    ['市经济信息委、市发展改革委，市商务委; 市财政局', ['市经济信息委', '市发展改革委', '市商务委', '市财政局']],
    ['a,b；c\nd', ['a', 'b', 'c', 'd']],
    ['  江津区  ', ['江津区']],
    ['、、a、、', ['a']],
    ['', []],
    ['   ', []],
  ])('%j', (raw, expected) => {
    expect(splitNames(raw)).toEqual(expected);
  });
});
