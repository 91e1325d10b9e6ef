/**
 * The user's preferences stored in the plan file: the name written into the audit log beside every
 * change, and the plan's time zone (the calendar "this month" and "overdue" are read in; domain/calendar.ts).
 */
import { z } from 'zod';
import { MAX_NAME } from '../entities.ts';
import { op } from '../op.ts';

const preferences = z.object({ userName: z.string(), timeZone: z.string() });

export const preferenceOps = {
  'preferences.get': op(z.object({}).strict(), preferences),
  /** Sets what is given (at least one field); answers all preferences. */
  'preferences.set': op(
    z.object({ userName: z.string().max(MAX_NAME).optional(), timeZone: z.string().max(64).optional() }).strict(),
    preferences,
  ),
};
