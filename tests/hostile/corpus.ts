/**
 * The corpus of bad inputs every entry point is tested with (IPC, HTTP, CLI, import): oversized
 * strings, wrong types, negative and non-finite numbers, unknown ids, invalid dates, SQL-looking
 * text, script tags, deeply nested JSON, truncated and junk files.
 */
export const OVERSIZED = 'x'.repeat(1_000_001);
export const SQL_TEXT = "'); DROP TABLE tasks; --";
export const SCRIPT_TEXT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","点我")';

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Values that are never a valid value for any field of any operation. */
export const malformedValues: { name: string; value: unknown }[] = [
  { name: 'oversized string', value: OVERSIZED },
  { name: 'number where text is expected', value: 12345 },
  { name: 'negative number', value: -1 },
  { name: 'NaN', value: Number.NaN },
  { name: 'Infinity', value: Number.POSITIVE_INFINITY },
  { name: 'array', value: ['a', 'b'] },
  { name: 'object', value: { toString: 'x' } },
  { name: 'boolean', value: true },
  { name: 'deeply nested', value: nested(500) },
  { name: 'prototype pollution', value: JSON.parse('{"__proto__": {"polluted": true}}') },
];

/** Text that is valid as text but must never be executed: stored and shown verbatim, or refused. */
export const hostileTexts = [SQL_TEXT, SCRIPT_TEXT, FORMULA_TEXT, '+cmd|" /C calc"!A0', '@SUM(1+1)', '-1+1', '‮reversed', '\t制表\n换行'];

export const invalidDates = ['2027-13', '2027-00', '27-12', '二〇二七年', '2027-12-45', '9999-99', ''];

export const unknownIds = ['no-such-id', "' OR 1=1 --", '../../etc/passwd', '%', '_'];

/** Files that are not what they claim to be. */
export function junkFiles(): { name: string; bytes: Buffer }[] {
  return [
    { name: 'empty.xlsx', bytes: Buffer.alloc(0) },
    { name: 'text-renamed.xlsx', bytes: Buffer.from('序号,任务\n1,测试\n', 'utf8') },
    { name: 'zip-of-junk.xlsx', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(2048, 0x41)]) },
    { name: 'ole-encrypted.xlsx', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]) },
    { name: 'random.plandesk', bytes: Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)) },
  ];
}
