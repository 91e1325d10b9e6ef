/**
 * The envelope of a pushed 报送包: what the hub routes a package by (plan, sender, recipient, sequence,
 * base), sent by the desktop beside the package's bytes in the `X-Plandesk-Package` header (base64url
 * JSON) with the bytes' SHA-256 in `X-Content-SHA256`.
 *
 * The envelope is what the hub can route by before it has read a byte of the body (the caller's scope is
 * checked against it first: hub/packages/access.ts). Then the hub reads the package itself with the
 * core's own reader (package/, hub/packages/verify.ts): the bytes' SHA-256 against the declared one, the
 * signature, the content hash, and the manifest against this envelope — a package whose manifest says
 * something else is refused.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HubError } from '../errors.ts';

export const ENVELOPE_HEADER = 'x-plandesk-package';
export const SHA256_HEADER = 'x-content-sha256';
/** A full package of a 100,000-task plan is about 60 MB (db/exchange/file.ts); pushes are kept in memory once. */
export const MAX_PUSH_BYTES = 96 * 1024 * 1024;

const name = z.string().min(1).max(200);

export const envelopeSchema = z
  .strictObject({
    packageId: z.string().regex(/^[0-9a-f-]{36}$/),
    planId: name,
    sender: z.strictObject({ role: z.enum(['city', 'district']), name: z.string().max(500), district: name.nullable() }),
    recipient: z.union([z.strictObject({ kind: z.literal('city') }), z.strictObject({ kind: z.literal('district'), name })]),
    seq: z.number().int().min(1).max(1_000_000_000),
    full: z.boolean(),
    base: z.strictObject({ packageId: z.string().max(100), seq: z.number().int().min(1) }).nullable(),
  })
  .refine((e) => (e.sender.role === 'district') === (e.sender.district !== null), { path: ['sender', 'district'] })
  .refine((e) => !(e.sender.role === 'district' && e.recipient.kind === 'district'), { path: ['recipient'] });
export type Envelope = z.infer<typeof envelopeSchema>;

/** 'city' or the district's name: the keys the hub's packages table routes by. */
export const senderKey = (e: Envelope): string => (e.sender.role === 'city' ? 'city' : e.sender.district!);
export const recipientKey = (e: Envelope): string => (e.recipient.kind === 'city' ? 'city' : e.recipient.name);

export const encodeEnvelope = (e: Envelope): string => Buffer.from(JSON.stringify(e), 'utf8').toString('base64url');

export function decodeEnvelope(header: string | string[] | undefined): Envelope {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) throw new HubError('INVALID_INPUT', `缺少报送包的信封（请求头 ${ENVELOPE_HEADER}）。`, 'hub.packageNoEnvelope');
  if (text.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(text)) throw new HubError('INVALID_INPUT', '报送包的信封格式不对。', 'hub.packageBadEnvelope', { field: 'envelope' });
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new HubError('INVALID_INPUT', '报送包的信封不是有效的 JSON。', 'hub.packageBadEnvelope', { field: 'envelope' });
  }
  const r = envelopeSchema.safeParse(raw);
  if (!r.success) {
    const field = r.error.issues[0]?.path.join('.') || 'envelope';
    throw new HubError('INVALID_INPUT', `报送包信封中的“${field}”缺失或格式不对。`, 'hub.packageBadEnvelope', { field });
  }
  return r.data;
}

/** The bytes are what the sender says they are (SHA-256) and look like a package (a SQLite file). */
export function checkBytes(bytes: Buffer, declared: string | string[] | undefined): Buffer {
  const want = Array.isArray(declared) ? declared[0] : declared;
  if (!want || !/^[0-9a-f]{64}$/i.test(want)) throw new HubError('INVALID_INPUT', `缺少报送包内容的 SHA-256（请求头 ${SHA256_HEADER}）。`, 'hub.packageNoHash');
  const sha = createHash('sha256').update(bytes).digest();
  if (sha.toString('hex') !== want.toLowerCase())
    throw new HubError('INVALID_INPUT', '报送包内容与其 SHA-256 不符（传输中损坏或被改动），未保存。', 'hub.packageHashMismatch', { sha256: sha.toString('hex') });
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000')
    throw new HubError('INVALID_INPUT', '上传的内容不是报送包（.pdpkg）。', 'hub.packageNotPackage');
  return sha;
}
