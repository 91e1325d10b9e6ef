/**
 * Who is editing: the user's identity (name, department, and for district users their district). It
 * belongs to the user, not to a plan file: kept in the user's data folder (db/identity/folder.ts), and
 * written into the audit log, versions, exports and the report beside what the user does.
 */
import { z } from 'zod';
import { MAX_NAME } from '../entities.ts';
import { op } from '../op.ts';

/** What is kept in the user's data folder. */
export const identity = z.object({
  name: z.string(),
  department: z.string(),
  /** the department of the common list the name matched (by name or alias), or null for free text */
  departmentId: z.string().nullable(),
  district: z.string().nullable(),
  districtId: z.string().nullable(),
  updatedAt: z.string(),
});

/** Who the audit log names for the next change: the identity, else the plan file's old user name, else 未署名. */
export const author = z.object({
  name: z.string(),
  department: z.string().nullable(),
  district: z.string().nullable(),
  /** 'identity': set by this user; 'plan': the old preferences.userName of the file; 'none': 未署名 */
  source: z.enum(['identity', 'plan', 'none']),
});

const identityState = z.object({
  identity: identity.nullable(),
  author,
  /** the user's data folder (null when this host has none: then identity.set is refused) */
  folder: z.string().nullable(),
});

export const identityOps = {
  'identity.get': op(z.object({}).strict(), identityState),
  /** Sets the whole identity (checked, then written atomically into the user's data folder). */
  'identity.set': op(
    z
      .object({
        name: z.string().max(MAX_NAME),
        department: z.string().max(MAX_NAME),
        district: z.string().max(MAX_NAME).nullable().optional(),
      })
      .strict(),
    identityState,
  ),
};
