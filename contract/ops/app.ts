/** What the store open in this host is: its file, schema version, user and whether it is read-only. */
import { z } from 'zod';
import { op } from '../op.ts';

export const appOps = {
  'app.info': op(
    z.object({}).strict(),
    z.object({ file: z.string(), schemaVersion: z.number().int(), userName: z.string(), readonly: z.boolean() }),
  ),
};
