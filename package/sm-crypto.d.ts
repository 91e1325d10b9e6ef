/**
 * The part of sm-crypto 0.5.8 (package.json pins it) that package/sm2.ts uses, typed from its source
 * (src/sm2/index.js, src/sm2/utils.js). Not @types/sm-crypto: that describes 0.3.x — no arguments to
 * generateKeyPairHex, and a pointPool of bigi integers where sm-crypto computes with jsbn's.
 */
declare module 'sm-crypto' {
  import type { BigInteger } from 'jsbn';

  interface KeyPairHex {
    privateKey: string;
    publicKey: string;
  }
  /** a precomputed nonce: k and the x coordinate of kG */
  interface SignaturePoint extends KeyPairHex {
    k: BigInteger;
    x1: BigInteger;
  }
  interface Sm2 {
    /** with `a` (and radix `b`): the key pair of (a mod (n-1)) + 1; without: one from sm-crypto's own generator */
    generateKeyPairHex(a?: string, b?: number): KeyPairHex;
    doSignature(
      msg: string | number[],
      privateKey: string,
      options?: { pointPool?: SignaturePoint[]; der?: boolean; hash?: boolean; publicKey?: string; userId?: string },
    ): string;
    doVerifySignature(msg: string | number[], signHex: string, publicKey: string, options?: { der?: boolean; hash?: boolean; userId?: string }): boolean;
    verifyPublicKey(publicKey: string): boolean;
  }
  const smCrypto: {
    sm2: Sm2;
    sm3(input: string | number[]): string;
  };
  export default smCrypto;
}
