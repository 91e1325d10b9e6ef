/**
 * The manifest of a 报送包 and the zod schemas every row of a package file is checked against when it is
 * read (a package is hostile input: package/file.ts). The shared package layer (package/): the desktop's core
 * and the city hub read packages with this same code.
 */
import { z } from 'zod';
import { EXCHANGE_ENTITIES } from '../domain/exchange/types.ts';

export const PACKAGE_FORMAT = 'plandesk-package';
export const PACKAGE_FORMAT_VERSION = 1;

const text = (max = 500) => z.string().max(max);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int().min(1).max(1000),
  packageId: z.string().regex(/^[0-9a-f-]{36}$/),
  schemaVersion: z.number().int().min(1).max(100000),
  appVersion: text(50),
  planId: z.string().min(1).max(200),
  planTitle: text(),
  sender: z.strictObject({
    role: z.enum(['city', 'district']),
    name: text(),
    department: text().nullable(),
    district: text().nullable(),
    /** the district the sender speaks for (role 'district'), by id */
    districtId: z.string().min(1).max(200).nullable(),
    fingerprint: z.string().min(1).max(200),
  }),
  recipient: z.union([
    z.strictObject({ kind: z.literal('city') }),
    z.strictObject({ kind: z.literal('district'), districtId: z.string().min(1).max(200), name: text() }),
  ]),
  /** per sender, recipient and plan: 1, 2, 3… */
  seq: z.number().int().min(1).max(1_000_000_000),
  /** the whole plan (the first package to a district) rather than changes */
  full: z.boolean(),
  /** the state the changes are against: a package of the recipient's, and its content hash */
  base: z.strictObject({ packageId: z.string().max(100), seq: z.number().int().min(1), hash }).nullable(),
  /** the last package from the other side the sender had applied */
  lastSeen: z.strictObject({ packageId: z.string().max(100), seq: z.number().int().min(1) }).nullable(),
  /** the sender's plan content when the package was made (db/exchange/canonical.ts currentStateHash) */
  stateHash: hash,
  /** SHA-256 over the changes (canonical.ts contentHash) */
  contentHash: hash,
  changeCount: z.number().int().min(0),
  /** the comments (批注) after the package: their hash, and whether laid over the base's (db/exchange/comments.ts); absent in packages made before comments travelled */
  comments: z.strictObject({ hash, fromBase: z.boolean() }).optional(),
  /** the sender's version saved with it ("报送 江津区 #3") */
  versionName: text(),
  createdAt: text(40),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const MAX_VALUE_TEXT = 200_000;
const cellValue = z.union([z.string().max(MAX_VALUE_TEXT), z.number().finite(), z.null(), z.array(z.string().max(500)).max(1000)]);
export const rowSchema = z.record(z.string().max(100), cellValue);

export const changeRowSchema = z.strictObject({
  n: z.number().int().min(1),
  op: z.enum(['update', 'insert', 'delete']),
  entity: z.enum(EXCHANGE_ENTITIES),
  row_id: z.string().min(1).max(500),
  field: z.string().max(100).nullable(),
  base: z.string().max(MAX_VALUE_TEXT * 2).nullable(),
  value: z.string().max(MAX_VALUE_TEXT * 2).nullable(),
  author: z.string().max(500),
  at: z.string().max(40),
});

export const signatureRowSchema = z.strictObject({
  algorithm: z.string().max(50),
  public_key: z.string().min(1).max(2000),
  fingerprint: z.string().min(1).max(200),
  signature: z.string().min(1).max(2000),
});

export const FIELD_NAMES: Record<string, string> = {
  format: '格式', formatVersion: '格式版本', packageId: '报送包编号', schemaVersion: '结构版本', appVersion: '程序版本', planId: '规划编号',
  planTitle: '规划名称', sender: '报送人', recipient: '接收方', seq: '序号', full: '全量', base: '基线', lastSeen: '已收到的最后一个报送包',
  stateHash: '内容校验值', contentHash: '修改内容校验值', changeCount: '修改条数', comments: '批注', versionName: '版本名称', createdAt: '制作时间',
  n: '序号', op: '操作', entity: '记录类型', row_id: '记录编号', field: '字段', value: '新值', author: '修改人', at: '修改时间',
  algorithm: '签名算法', public_key: '公钥', fingerprint: '指纹', signature: '签名',
};
