/**
 * The signing API other parts of the core use (the 报送包 exchange, issue 15): the user's own key
 * (db/keys/user-key.ts), SM2 verification, the readable fingerprint (domain/keys.ts, the one the UI
 * shows too) and the keys a plan file trusts (db/keys/trust.ts).
 */
export { userKey, signBytes, verifyBytes, fingerprintOf, type UserKey, type Signed } from './user-key.ts';
export { readableFingerprint } from '../../domain/keys.ts';
export { trustedKeyFor, type TrustedKey } from './trust.ts';
