/** The leaders' seed file (seeds/leaders.json), built from the gazette text by scripts/leaders-seed.ts. */
import { z } from 'zod';

export const seedLeaderDuty = z.object({
  kind: z.enum(['负责', '分管', '联系']),
  /** the document's own word: 负责, 主持, 协助负责, 具体负责, 主管, 分管, 联系, 协助市长联系 */
  verb: z.string(),
  text: z.string().min(1),
  line: z.number().int().positive(),
  sourceText: z.string().min(1),
});

export const seedLeaders = z.object({
  document: z.object({
    docNumber: z.string().min(1),
    title: z.string().min(1),
    issuer: z.string().min(1),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** the text file and line the notice starts on */
    source: z.string().min(1),
  }),
  leaders: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      title: z.string().min(1),
      line: z.number().int().positive(),
      duties: z.array(seedLeaderDuty),
    }),
  ),
});

export type SeedLeaders = z.infer<typeof seedLeaders>;
