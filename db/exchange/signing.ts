/**
 * The one place the exchange signs and checks packages: SM2 over SM3 through db/keys (the user's key in
 * the user's data folder, the keys a plan file trusts: migration 011). Everything else of db/exchange
 * calls these, with the store context.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { signBytes as sign, trustedKeyFor as trusted, userKey as ownKey, verifyBytes as verify, type Signed, type TrustedKey } from '../keys/signing.ts';
import { keyFileText } from '../keys/key-file.ts';
import { trustKey } from '../keys/trust.ts';

export type { Signed, TrustedKey };

/** The algorithm named in a package's signature row. */
export const SIGNATURE_ALGORITHM = 'SM2-SM3';

function requireUserDir(ctx: StoreContext): string {
  if (!ctx.userDir) throw new PlanDeskError('FORBIDDEN', '没有用户数据文件夹，无法签名报送包（可设置环境变量 PLANDESK_HOME 指定一个文件夹）', [], { reason: 'exchange.noUserDir' });
  return ctx.userDir;
}

export function userKey(ctx: StoreContext): { publicKey: string; fingerprint: string } {
  return ownKey(requireUserDir(ctx));
}

export function signBytes(ctx: StoreContext, bytes: Uint8Array): Signed {
  return sign(requireUserDir(ctx), bytes);
}

export function verifyBytes(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(publicKey, bytes, signature);
  } catch {
    return false;
  }
}

export function trustedKeyFor(ctx: StoreContext, fingerprint: string): TrustedKey | null {
  return trusted(ctx, fingerprint);
}

/** Tests: trust the key kept in `userDir` in the role given, as keys.trust does with that user's key file. */
export function trustForTests(ctx: StoreContext, userDir: string, who: { role: 'city' | 'district'; districtId: string | null; name: string; department: string | null; district: string | null }): void {
  const text = keyFileText(ownKey(userDir), { name: who.name, department: who.department, district: who.district }, ctx.now());
  trustKey(ctx, { text, role: who.role, district: who.districtId });
}
