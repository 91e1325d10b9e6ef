/**
 * The key file (a .pdkey): the user's public key and identity, handed to the other side (a USB stick, the
 * intranet mail) and trusted there after its readable code is read out over the phone. Read here, in the
 * layer the desktop's core (db/keys/key-file.ts) and the city hub (hub/keys/) share, so both read it with
 * the same code.
 *
 *   { "format": "plandesk-public-key", "version": 1, "algorithm": "SM2-SM3",
 *     "publicKey": "04…", "fingerprint": "<SM3 of the public key, hex>",
 *     "holder": { "name": "王五", "department": "江津区发展改革委", "district": "江津区" },
 *     "createdAt": "2026-12-01T04:00:00.000Z" }          (when the key pair was made)
 *
 * Read as hostile input: its real size is capped (MAX_KEY_FILE_BYTES) before it is parsed, the shape
 * checked with zod (strict: no other fields), the public key must be a point of the SM2 curve, the
 * fingerprint is recomputed and must match, the holder's names obey the typing rules. Every refusal
 * is a PackageError (reason keys.badFile) in Chinese naming the field.
 */
import { z } from 'zod';
import { MAX_NAME } from '../contract/entities.ts';
import { KEY_FILE_FORMAT, KEY_FILE_VERSION, MAX_KEY_FILE_BYTES } from '../contract/ops/keys.ts';
import { readableFingerprint } from '../domain/keys.ts';
import { typedTextProblem } from '../domain/text.ts';
import { PackageError, type PackageIssue } from './errors.ts';
import { fingerprintOf, isOnCurve } from './sm2.ts';

const ALGORITHM = 'SM2-SM3';

const schema = z
  .object({
    format: z.literal(KEY_FILE_FORMAT),
    version: z.literal(KEY_FILE_VERSION),
    algorithm: z.literal(ALGORITHM),
    publicKey: z.string().regex(/^04[0-9a-f]{128}$/),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    holder: z
      .object({
        name: z.string().trim().min(1).max(MAX_NAME),
        department: z.string().trim().max(MAX_NAME).nullable(),
        district: z.string().trim().max(MAX_NAME).nullable(),
      })
      .strict(),
    createdAt: z.string().max(40),
  })
  .strict();

export interface KeyFile {
  publicKey: string;
  fingerprint: string;
  readable: string;
  holder: { name: string; department: string | null; district: string | null };
  createdAt: string;
}

/** The field names a refusal says. */
const FIELD: Record<string, string> = {
  format: '文件格式（format）',
  version: '格式版本（version）',
  algorithm: '算法（algorithm）',
  publicKey: '公钥（publicKey）',
  fingerprint: '指纹（fingerprint）',
  holder: '持有人（holder）',
  'holder.name': '持有人姓名（holder.name）',
  'holder.department': '持有人部门（holder.department）',
  'holder.district': '持有人区县（holder.district）',
  createdAt: '生成时间（createdAt）',
};

function refuse(message: string, issues: PackageIssue[], field: string): never {
  throw new PackageError('INVALID_INPUT', `密钥文件不能使用：${message}`, issues, { reason: 'keys.badFile', params: { field } });
}

/** The key file's text for `key`. */
export function keyFileText(key: { publicKey: string; fingerprint: string }, holder: KeyFile['holder'], createdAt: string): string {
  const body = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    algorithm: ALGORITHM,
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    holder,
    createdAt,
  } satisfies z.input<typeof schema>;
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Reads and checks a key file's text; refuses (PackageError INVALID_INPUT, reason keys.badFile) naming the field. */
export function readKeyFile(text: string): KeyFile {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_KEY_FILE_BYTES) {
    refuse(`文件过大（${bytes} 字节，密钥文件最多 ${MAX_KEY_FILE_BYTES} 字节）`, [{ field: 'file', message: `文件过大（${bytes} 字节）` }], 'file');
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    refuse('不是有效的 JSON 文件', [{ field: 'file', message: '不是有效的 JSON 文件' }], 'file');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i): PackageIssue => {
      const path = i.path.map(String).join('.');
      const label = FIELD[path] ?? (path || '文件');
      const what = i.code === 'unrecognized_keys' ? `多出了不认识的字段：${i.keys.join('、')}` : i.code === 'invalid_value' ? '取值不对' : i.code === 'invalid_type' && i.input === undefined ? '缺少' : '格式不对';
      return { field: path || 'file', message: `${label}${what}` };
    });
    const first = issues[0];
    refuse(first ? first.message : '格式不对', issues, first?.field ?? 'file');
  }
  const key = parsed.data;
  if (!isOnCurve(key.publicKey)) refuse(`${FIELD.publicKey}不是 SM2 曲线上的点`, [{ field: 'publicKey', message: '不是 SM2 曲线上的点' }], 'publicKey');
  if (fingerprintOf(key.publicKey) !== key.fingerprint) {
    refuse(`${FIELD.fingerprint}与公钥不符（文件可能被改动过）`, [{ field: 'fingerprint', message: '与公钥不符' }], 'fingerprint');
  }
  for (const field of ['name', 'department', 'district'] as const) {
    const v = key.holder[field];
    const problem = v === null ? null : typedTextProblem(v, MAX_NAME);
    if (problem) refuse(`${FIELD[`holder.${field}`]}${problem}`, [{ field: `holder.${field}`, message: problem }], `holder.${field}`);
  }
  return {
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    readable: readableFingerprint(key.fingerprint),
    holder: { name: key.holder.name, department: key.holder.department || null, district: key.holder.district || null },
    createdAt: key.createdAt,
  };
}
