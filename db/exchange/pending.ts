/**
 * A package kept pending in the plan file (package_pending + package_changes, migration 012) is checked again
 * whenever it is reopened (报送情况's 继续处理, after a reload) or applied: its signature row is kept beside it
 * (package_pending_signatures, migration 013), so the kept manifest and changes go through the very checks of a
 * file (checks.ts: signature and a key still trusted — revoked since? refused —, content hash, sequence, base,
 * scope). A kept copy altered in the plan file no longer matches its signature and is refused in words that say
 * so; one kept before its signature was (an older version) must be imported again.
 */
import type { StoreContext } from '../context.ts';
import { preparedOnce } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { checkPackage, type Checked } from './checks.ts';
import { toLine, type PackageContent, type SignatureInfo } from './file.ts';
import { manifestSchema } from '../../package/manifest.ts';
import { exchangeQueries } from './queries.ts';
import { storedToChange } from './state.ts';

const pendingQueries = preparedOnce((db) => ({
  signature: db.prepare<[string], { algorithm: string; public_key: string; fingerprint: string; signature: string }>(
    'SELECT algorithm, public_key, fingerprint, signature FROM package_pending_signatures WHERE package_id = ?',
  ),
  drop: db.prepare<[string]>('DELETE FROM package_pending_signatures WHERE package_id = ?'),
  keep: db.prepare<[string, string, string, string, string]>(
    'INSERT INTO package_pending_signatures (package_id, algorithm, public_key, fingerprint, signature) VALUES (?, ?, ?, ?, ?)',
  ),
}));

/** Keeps a pending package's signature (inside the preview's transaction). */
export function keepSignature(ctx: StoreContext, packageId: string, sig: SignatureInfo): void {
  const q = pendingQueries(ctx.db);
  q.drop.run(packageId);
  q.keep.run(packageId, sig.algorithm, sig.publicKey, sig.fingerprint, sig.signature);
}

export function dropSignature(ctx: StoreContext, packageId: string): void {
  pendingQueries(ctx.db).drop.run(packageId);
}

const TAMPERED = new Set(['exchange.badSignature', 'exchange.contentHash', 'exchange.keyMismatch', 'exchange.file.manifest']);

/** The kept package as a file would give it, checked again; refusals of an altered copy say so. */
export function recheckPending(ctx: StoreContext, packageId: string): Checked {
  const q = exchangeQueries(ctx.db);
  const p = q.pendingById.get(packageId);
  if (!p) throw new PlanDeskError('NOT_FOUND', `找不到待合并的报送包：${packageId}（可能已应用或已放弃）`, [], { reason: 'exchange.pendingGone', params: { id: packageId } });
  const sig = pendingQueries(ctx.db).signature.get(packageId);
  if (!sig)
    throw new PlanDeskError('INVALID_INPUT', '这个待合并的报送包是旧版本保存的，没有保留签名，无法再次核验：请放弃它，重新导入报送包文件', [{ field: 'signature', message: '没有保留签名' }], {
      reason: 'exchange.pendingUnsigned',
    });
  const tampered = (detail: string) =>
    new PlanDeskError('INVALID_INPUT', '本文件中保存的待合并报送包已被改动（与签名时不一致），不能应用：请放弃它，重新导入报送包文件', [{ field: 'package_pending', message: detail }], {
      reason: 'exchange.pendingTampered',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(p.manifest);
  } catch {
    throw tampered('清单无法读取');
  }
  const m = manifestSchema.safeParse(parsed);
  if (!m.success || m.data.packageId !== packageId || m.data.planId !== p.plan_id) throw tampered('清单不符合要求');
  const content: PackageContent = {
    manifest: m.data,
    lines: q.changesOf.all(packageId).map((s) => toLine(storedToChange(s))),
    signature: { algorithm: sig.algorithm, publicKey: sig.public_key, fingerprint: sig.fingerprint, signature: sig.signature },
  };
  if (content.lines.length !== m.data.changeCount) throw tampered(`修改条数不符（清单 ${m.data.changeCount} 条，保存 ${content.lines.length} 条）`);
  try {
    return checkPackage(ctx, content);
  } catch (err) {
    if (err instanceof PlanDeskError && err.reason && TAMPERED.has(err.reason)) throw tampered(err.message);
    throw err;
  }
}
