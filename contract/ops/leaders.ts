/**
 * The city leaders' 分工 (渝府办发〔2023〕27号): reference data, read-only. Each duty as the document writes it;
 * `departmentId` when its text names a department of the file (by name or alias), else null.
 */
import { z } from 'zod';
import { op } from '../op.ts';

export const leaderDuty = z.object({
  kind: z.enum(['负责', '分管', '联系']),
  /** the document's own word (负责, 主持, 协助负责, 具体负责, 主管, 分管, 联系, 协助市长联系) */
  verb: z.string(),
  text: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  sourceLine: z.number().int().nullable(),
  sourceText: z.string(),
});
export type LeaderDuty = z.infer<typeof leaderDuty>;

export const leader = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  docNumber: z.string(),
  source: z.string(),
  duties: z.array(leaderDuty),
});
export type Leader = z.infer<typeof leader>;

export const leaderOps = {
  'leaders.list': op(z.object({}).strict(), z.array(leader)),
};
