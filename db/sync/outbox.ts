/**
 * The outbox beside the plan file (`<FILE>.outbox/`): a package a sync exported is written here with
 * its envelope (`<name>.pdpkg` + `<name>.pdpkg.json`) before it is pushed, and removed once the hub has
 * it. A sync cut off in between (no network, a crash, the app closed) leaves it, and the next sync
 * hands it over first: the package is logged in the plan file as sent, so it must reach the hub.
 * The envelope is what the hub routes by (hub/packages/envelope.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const envelope = z.object({
  packageId: z.string().max(100),
  planId: z.string().max(200),
  sender: z.object({ role: z.enum(['city', 'district']), name: z.string().max(200), district: z.string().max(200).nullable() }),
  recipient: z.union([z.object({ kind: z.literal('city') }), z.object({ kind: z.literal('district'), name: z.string().max(200) })]),
  seq: z.number().int(),
  full: z.boolean(),
  base: z.null(),
});
export type Envelope = z.infer<typeof envelope>;

export interface Outboxed {
  file: string;
  envelopeFile: string;
  envelope: Envelope;
}

export const outboxOf = (planFile: string): string => `${path.resolve(planFile)}.outbox`;

/** what waits in the outbox, oldest first; a package without a readable envelope is named in `skipped` */
export function readOutbox(planFile: string): { waiting: Outboxed[]; skipped: string[] } {
  const dir = outboxOf(planFile);
  const waiting: Outboxed[] = [];
  const skipped: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.pdpkg')).sort();
  } catch {
    return { waiting, skipped };
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const envelopeFile = `${file}.json`;
    try {
      const parsed = envelope.safeParse(JSON.parse(fs.readFileSync(envelopeFile, 'utf8')));
      if (!parsed.success) throw new Error('not an envelope');
      waiting.push({ file, envelopeFile, envelope: parsed.data });
    } catch {
      skipped.push(file);
    }
  }
  return { waiting: waiting.sort((a, b) => a.envelope.seq - b.envelope.seq), skipped };
}

/** the outbox file a new package is exported into */
export function outboxFile(planFile: string, planId: string, to: string, seq: number): string {
  const who = to === 'city' ? 'city' : createHash('sha256').update(to).digest('hex').slice(0, 12);
  return path.join(outboxOf(planFile), `${planId.replace(/[^A-Za-z0-9_-]/g, '_')}-${who}-${seq}.pdpkg`);
}

export function writeEnvelope(file: string, e: Envelope): void {
  fs.writeFileSync(`${file}.json`, JSON.stringify(e));
}

/** on the hub now: out of the outbox */
export function clearOutboxed(o: Outboxed): void {
  fs.rmSync(o.file, { force: true });
  fs.rmSync(o.envelopeFile, { force: true });
}
