import { z } from 'zod';
import { MAX_NAME } from '../entities.ts';
import { op } from '../op.ts';

export const appOps = {
  'app.info': op(
    z.object({}).strict(),
    z.object({ file: z.string(), schemaVersion: z.number().int(), userName: z.string(), readonly: z.boolean() }),
  ),
  'preferences.get': op(z.object({}).strict(), z.object({ userName: z.string() })),
  'preferences.set': op(z.object({ userName: z.string().max(MAX_NAME) }).strict(), z.object({ userName: z.string() })),
};
