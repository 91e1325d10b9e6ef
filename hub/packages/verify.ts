/**
 * What the hub checks in a pushed 报送包 itself, with the core's own code (package/: the same reader,
 * schemas, canonical forms and SM2 as the desktop's db/exchange): the package is read from memory
 * (better-sqlite3 over the bytes — the hub never opens a SQLite store), its signature must be valid over
 * signedBytes(manifest) with the public key it carries (whose SM3 fingerprint it names), its changes must
 * hash to the manifest's contentHash, and the manifest must say what the envelope says. Whose key it is
 * is checked next, in the push's transaction (hub/keys/keys.ts checkSigner: trusted on the hub for the
 * sender, the city or that district); a district account's package must name its own district
 * (hub/packages/access.ts), and its changes must be in a district's scope (domain/exchange/scope.ts, the
 * module the desktop uses — hub/plans/apply.ts).
 */
import { contentHash, signedBytes } from '../../package/canonical.ts';
import { PackageError } from '../../package/errors.ts';
import { readPackageBytes, type PackageContent } from '../../package/file.ts';
import { FIELD_NAMES } from '../../package/manifest.ts';
import { fingerprintOf, isPublicKeyHex, verifyWith } from '../../package/sm2.ts';
import { HubError } from '../errors.ts';
import type { Envelope } from './envelope.ts';

const refuse = (field: string, why: string, reason: string, params: Record<string, string | number> = {}) =>
  new HubError('INVALID_INPUT', `报送包的“${FIELD_NAMES[field] ?? field}”${why}，未保存。`, reason, { field, ...params });

/** The package read and checked in itself and against its envelope; any failure is a HubError naming the field. */
export function verifyPackage(bytes: Buffer, e: Envelope): PackageContent {
  let content: PackageContent;
  try {
    content = readPackageBytes(`${e.packageId}.pdpkg`, bytes);
  } catch (err) {
    if (err instanceof PackageError) throw new HubError('INVALID_INPUT', `${err.message}，未保存。`, err.reason, { ...err.params, ...(err.issues[0]?.field ? { field: err.issues[0].field } : {}) });
    throw err;
  }
  const { manifest: m, lines, signature: s } = content;
  if (s.algorithm !== 'SM2-SM3') throw refuse('algorithm', `是 ${s.algorithm.slice(0, 50)}，城市枢纽只认 SM2-SM3`, 'hub.packageSignature');
  if (!isPublicKeyHex(s.publicKey)) throw refuse('public_key', '不是 SM2 公钥', 'hub.packageSignature');
  const fingerprint = fingerprintOf(s.publicKey);
  if (s.fingerprint !== fingerprint || m.sender.fingerprint !== fingerprint) throw refuse('fingerprint', '与签名公钥不符', 'hub.packageSignature');
  if (!verifyWith(s.publicKey, signedBytes(m), s.signature)) throw refuse('signature', '无效（清单在签名后被改动，或签名不属于该公钥）', 'hub.packageSignature');
  if (contentHash(lines) !== m.contentHash) throw refuse('contentHash', '与修改内容不符（修改在签名后被改动）', 'hub.packageContentHash');

  const differs = (field: string, manifest: string | number | boolean | null, envelope: string | number | boolean | null) => {
    if (manifest !== envelope)
      throw refuse(field, `与信封不符（报送包里是“${String(manifest)}”，信封上是“${String(envelope)}”）`, 'hub.packageEnvelopeMismatch', { manifest: String(manifest), envelope: String(envelope) });
  };
  differs('packageId', m.packageId, e.packageId);
  differs('planId', m.planId, e.planId);
  differs('sender', m.sender.role, e.sender.role);
  differs('sender', m.sender.role === 'district' ? m.sender.district : null, e.sender.district);
  differs('recipient', m.recipient.kind, e.recipient.kind);
  differs('recipient', m.recipient.kind === 'district' ? m.recipient.name : null, e.recipient.kind === 'district' ? e.recipient.name : null);
  differs('seq', m.seq, e.seq);
  differs('full', m.full, e.full);
  // the envelope may leave the base out (plandesk sync does): the manifest's is the package's
  if (e.base) differs('base', m.base ? `${m.base.packageId}#${m.base.seq}` : null, `${e.base.packageId}#${e.base.seq}`);
  if (m.sender.role === 'district' && !m.sender.districtId) throw refuse('sender', '缺少区县编号', 'hub.packageEnvelopeMismatch');
  return content;
}
