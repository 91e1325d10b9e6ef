/**
 * What a sync keeps between runs, in the user data folder (ctx.userDir, beside identity.json), never in
 * the plan file: the hub's address and the account name of the last sync, and per plan file the outcome
 * of its last sync. The password is never written anywhere. Written atomically the way
 * db/identity/folder.ts writes the identity (temporary name, fsync, rename, fsync of the folder); a
 * damaged or hostile file is read as "nothing kept".
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir, fsyncFile } from '../backups/durable.ts';
import { syncStatus } from '../../contract/ops/sync.ts';

export const SYNC_FILE = 'sync.json';
const MAX_BYTES = 256 * 1024;
/** the outcomes kept (one per plan file synced); the oldest are dropped */
const MAX_FILES = 50;

const lastSync = syncStatus.shape.last.unwrap();
export type LastSync = z.infer<typeof lastSync>;

const kept = z.object({
  hub: z.string().max(2000).nullable(),
  user: z.string().max(200).nullable(),
  files: z.record(z.string().max(4096), lastSync),
});
type Kept = z.infer<typeof kept>;

export function readSyncSettings(dir: string | null | undefined): Kept {
  const none: Kept = { hub: null, user: null, files: {} };
  if (!dir) return none;
  try {
    const file = path.join(dir, SYNC_FILE);
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_BYTES) return none;
    const parsed = kept.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : none;
  } catch {
    return none;
  }
}

/**
 * Keeps the hub and account (when given) and this plan file's outcome. A folder that cannot be written
 * is not a failed sync: the sync's work is in the plan file and the hub; the caller is told (false).
 */
export function keepSyncOutcome(dir: string | null | undefined, planFile: string, outcome: LastSync, account?: { hub: string; user: string }): boolean {
  if (!dir) return false;
  const now = readSyncSettings(dir);
  const files = Object.entries({ ...now.files, [path.resolve(planFile)]: outcome })
    .sort((a, b) => a[1].at.localeCompare(b[1].at))
    .slice(-MAX_FILES);
  const next: Kept = { hub: account?.hub ?? now.hub, user: account?.user ?? now.user, files: Object.fromEntries(files) };
  const file = path.join(dir, SYNC_FILE);
  const temp = path.join(dir, `${SYNC_FILE}.partial-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    fsyncFile(temp);
    fs.renameSync(temp, file);
    fsyncDir(dir);
    return true;
  } catch {
    fs.rmSync(temp, { force: true });
    return false;
  }
}
