/**
 * The command line's start: `plandesk plans --json` on the seeded plan file, from process start to
 * exit (bin/plandesk.js → the bundle build/node/cli.cjs), beside raw Node opening the same file with
 * better-sqlite3 and printing its plans as JSON, in the same run. Target: within 5×.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../db/store.ts';
import { buildNode } from '../scripts/build-node.mjs';
import { report } from './measure.ts';

const RAW = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
process.stdout.write(JSON.stringify(db.prepare('SELECT * FROM plans ORDER BY issue_date DESC, id').all()));
db.close();
`;

/** Wall time of one process, start to exit, in ms. */
function run(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  JSON.parse(r.stdout); // both print the plans as JSON
  return ms;
}

export async function benchCli(runs = 9): Promise<void> {
  await buildNode(); // the bundle is current, so no run pays for a build
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-cli-'));
  try {
    const file = path.join(dir, 'plans.plandesk');
    openStore(file, { create: 'seed' }).close();
    const bsqlite = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    const ours: number[] = [];
    const raw: number[] = [];
    // Interleaved, best of n: the machine's noise hits both alike.
    for (let i = 0; i < runs; i++) {
      ours.push(run(['bin/plandesk.js', 'plans', '--db', file, '--json']));
      raw.push(run(['-e', RAW, bsqlite, file]));
    }
    report('CLI start: `plandesk plans --json` on the seeded file, start to exit (best of ' + runs + ')', { name: 'plandesk plans --json (bundled CLI)', ms: Math.min(...ours) }, { name: 'node + better-sqlite3: open, list plans', ms: Math.min(...raw) }, 5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
