/**
 * Identity keys for the 报送包 exchange (issue 15): the user's own SM2 key (kept in the user's data
 * folder, db/keys/user-key.ts — its private half is in no answer), its public half as a small key file
 * to hand to the other side, and the keys this plan file trusts, each in a role: the city's file trusts
 * each district's key for that district, a district's file trusts the city's key. A key file is
 * confirmed by its readable fingerprint (domain/keys.ts), read out over the phone.
 */
import { z } from 'zod';
import { MAX_NAME, id } from '../entities.ts';
import { op, writeOp } from '../op.ts';

export const keyRole = z.enum(['city', 'district']);
export type KeyRole = z.infer<typeof keyRole>;

const fingerprint = z.string().regex(/^[0-9a-f]{64}$/);
const publicKey = z.string().regex(/^04[0-9a-f]{128}$/);

/** The key file (keys.export writes it, keys.inspect / keys.trust read it): public data only. */
export const KEY_FILE_FORMAT = 'plandesk-public-key';
export const KEY_FILE_VERSION = 1;
/** A key file is well under 2 KB; anything above this is refused unread (db/keys/key-file.ts). */
export const MAX_KEY_FILE_BYTES = 16 * 1024;

export const keyHolder = z.object({
  name: z.string(),
  department: z.string().nullable(),
  district: z.string().nullable(),
});

/** What a key file says, as read (and checked) by the core. */
export const keyFileContent = z.object({
  publicKey,
  fingerprint,
  /** "XXXX-XXXX-XXXX-XXXX-XXXX" (domain/keys.ts readableFingerprint) */
  readable: z.string(),
  holder: keyHolder,
  createdAt: z.string(),
});

/** A key the plan file trusts. */
export const trustedKeyEntry = z.object({
  fingerprint,
  publicKey,
  readable: z.string(),
  role: keyRole,
  /** the district this key speaks for (role 'district'), null for the city's key */
  districtId: id.nullable(),
  districtName: z.string().nullable(),
  /** the holder as the key file names them */
  name: z.string(),
  department: z.string().nullable(),
  district: z.string().nullable(),
  keyCreatedAt: z.string().nullable(),
  trustedAt: z.string(),
  trustedBy: z.string(),
  /** set once revoked: packages signed with it are refused from then on */
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type TrustedKeyEntry = z.infer<typeof trustedKeyEntry>;

/** The key file's text as sent by a client (the core checks its real size against MAX_KEY_FILE_BYTES). */
const keyFileText = z.string().max(4 * MAX_KEY_FILE_BYTES);
/** Trusting and revoking are file-wide; the step goes onto the undo stack of the plan named (none: audited, not undoable from a plan). */
const inPlan = { planId: id.optional() };

export const keyOps = {
  /** The user's own public key, its fingerprint and readable code; the key pair is made on first need. */
  'keys.show': op(
    z.object({}).strict(),
    z.object({ publicKey, fingerprint, readable: z.string(), createdAt: z.string().nullable(), holder: keyHolder, folder: z.string() }),
  ),
  /** The user's public key as a key file (JSON, a few hundred bytes) with the holder's identity. */
  'keys.export': op(
    z.object({}).strict(),
    z.object({ fileName: z.string(), mimeType: z.string(), text: z.string(), fingerprint, readable: z.string() }),
  ),
  /** Reads a key file without writing anything: what it says, and whether this file already trusts it. */
  'keys.inspect': op(
    z.object({ text: keyFileText }).strict(),
    z.object({ key: keyFileContent, trusted: trustedKeyEntry.nullable(), own: z.boolean() }),
  ),
  /**
   * Trusts the key of a key file in a role: 'district' for the district named (by name or id; it must be in
   * the file's list), 'city' for the city. `confirmReadable`, when given, must be the key's readable code
   * (what the planner confirmed over the phone).
   */
  'keys.trust': writeOp(
    z
      .object({
        ...inPlan,
        text: keyFileText,
        role: keyRole,
        district: z.string().max(MAX_NAME).nullable().optional(),
        confirmReadable: z.string().max(100).optional(),
      })
      .strict(),
    z.object({ key: trustedKeyEntry, alreadyTrusted: z.boolean() }),
  ),
  /** The keys the file trusts (revoked ones too when asked), the city's first, then by district. */
  'keys.list': op(z.object({ includeRevoked: z.boolean().optional() }).strict(), z.object({ keys: z.array(trustedKeyEntry) })),
  /** Stops trusting a key: packages signed with it are refused from then on. Undoable. */
  'keys.revoke': writeOp(z.object({ ...inPlan, fingerprint }).strict(), z.object({ key: trustedKeyEntry })),
};
