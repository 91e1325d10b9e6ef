import { z } from 'zod';
import { id, quarter, targetKind, targetScope, targetValue } from '../entities.ts';
import { op } from '../op.ts';

export const targetOps = {
  'targets.set': op(
    z
      .object({
        indicatorId: id,
        scope: targetScope,
        scopeId: id.nullable(),
        year: z.number().int(),
        period: quarter.optional(),
        kind: targetKind,
        /** as typed by the user: "3,000", "30左右"; null or "" clears the value */
        value: z.string().max(100).nullable(),
      })
      .strict(),
    targetValue,
  ),
};
