/** What the store open in this host is (its file, schema version, user, read-only or not), and whether the file is sound. */
import { z } from 'zod';
import { op } from '../op.ts';

export const appOps = {
  'app.info': op(
    z.object({}).strict(),
    z.object({ file: z.string(), schemaVersion: z.number().int(), userName: z.string(), readonly: z.boolean() }),
  ),
  /** The file's own checks for `plandesk check`: SQLite integrity_check, foreign keys, schema version. Read-only. */
  'app.check': op(
    z.object({}).strict(),
    z.object({
      ok: z.boolean(),
      integrity: z.array(z.string()),
      foreignKeyViolations: z.number().int(),
      schemaVersion: z.number().int(),
      latestSchemaVersion: z.number().int(),
    }),
  ),
};
