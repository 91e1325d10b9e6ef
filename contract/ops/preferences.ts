/** The user's preferences stored in the plan file: the name written into the audit log beside every change. */
import { z } from 'zod';
import { MAX_NAME } from '../entities.ts';
import { op } from '../op.ts';

export const preferenceOps = {
  'preferences.get': op(z.object({}).strict(), z.object({ userName: z.string() })),
  'preferences.set': op(z.object({ userName: z.string().max(MAX_NAME) }).strict(), z.object({ userName: z.string() })),
};
