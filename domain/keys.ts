/**
 * A key's fingerprint as a short code two planners can read to each other over the phone before one
 * trusts the other's key file (issue 15): the core prints it (CLI, keys.show) and the settings screen
 * shows it, both through this one function.
 *
 * The code is the first 100 bits of the fingerprint (SM3 of the public key) in 20 characters of a
 * 32-character alphabet, as 5 groups of 4: "7K3M-QX2P-…". The alphabet leaves out 0/O and 1/I, which
 * look alike and are read alike; it keeps only capitals and digits 2–9, so there is no case to say.
 * 100 bits: finding a second key whose code matches a given one costs about 2^100 key generations.
 */
export const FINGERPRINT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const FINGERPRINT = /^[0-9a-f]{64}$/;
const GROUPS = 5;
const GROUP_LENGTH = 4;

export function isFingerprint(value: unknown): value is string {
  return typeof value === 'string' && FINGERPRINT.test(value);
}

/** "XXXX-XXXX-XXXX-XXXX-XXXX" of a fingerprint (64 lowercase hex digits); anything else throws a RangeError. */
export function readableFingerprint(fingerprint: string): string {
  if (!isFingerprint(fingerprint)) throw new RangeError('not a key fingerprint (64 lowercase hex digits)');
  // 25 hex digits = 100 bits = 20 symbols of 5 bits
  let bits = BigInt(`0x${fingerprint.slice(0, 25)}`);
  const symbols: string[] = [];
  for (let i = 0; i < GROUPS * GROUP_LENGTH; i += 1) {
    symbols.unshift(FINGERPRINT_ALPHABET[Number(bits & 31n)] ?? '?');
    bits >>= 5n;
  }
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) groups.push(symbols.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}

/** The same code typed back (any case, spaces or dashes anywhere), normalised for comparing; null when it is not one. */
export function normaliseReadableFingerprint(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== GROUPS * GROUP_LENGTH || [...compact].some((c) => !FINGERPRINT_ALPHABET.includes(c))) return null;
  return compact.match(/.{4}/g)?.join('-') ?? null;
}
