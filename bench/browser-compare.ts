/**
 * Two builds of the workbench compared under the same conditions (a tool, not a figure of `npm run bench`):
 * the browser bench's 区县目标 and 任务台账 edits and its tasks.update calls on the 100k plan, against
 * this checkout's build and another one (a copy of an older build/, see PLANDESK_BENCH_BUILD in
 * browser-host.ts), alternately, round after round, so both see the same load of the machine.
 *
 *   npx tsx bench/browser-compare.ts OTHER_BUILD_DIR [ROUNDS] [--keep FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { percentile } from './browser-host.ts';
import { benchPlanFile, onHostPage } from './browser-tool.ts';
import { ledgerEdits, targetEdits, writeCallStages } from './browser-edits.ts';

const EDITS = 20;
const CALLS = 60;

type Figures = Record<'targets' | 'ledger' | 'targetsDrawn' | 'ledgerDrawn' | 'targetsShown' | 'ledgerShown' | 'update' | 'updHost' | 'updQueue' | 'updPage', number[]>;
const empty = (): Figures => ({ targets: [], ledger: [], targetsDrawn: [], ledgerDrawn: [], targetsShown: [], ledgerShown: [], update: [], updHost: [], updQueue: [], updPage: [] });

async function round(file: string, build: string | undefined, into: Figures): Promise<void> {
  if (build) process.env.PLANDESK_BENCH_BUILD = build;
  else delete process.env.PLANDESK_BENCH_BUILD;
  await onHostPage(file, async (page) => {
    const te = await targetEdits(page, EDITS);
    into.targets.push(...te.settled);
    into.targetsDrawn.push(...te.drawn);
    into.targetsShown.push(...(await targetEdits(page, EDITS / 2, 'frames')).shown);
    const le = await ledgerEdits(page, EDITS);
    into.ledger.push(...le.settled);
    into.ledgerDrawn.push(...le.drawn);
    into.ledgerShown.push(...(await ledgerEdits(page, EDITS / 2, 'frames')).shown);
    let v = 0;
    const st = await writeCallStages(page, 'tasks.update', () => ({ taskId: 'bt-7', patch: { progress: `进展 c${v++}-${Date.now()}` } }), CALLS);
    into.update.push(...st.total);
    into.updHost.push(...st.host);
    into.updQueue.push(...st.queue);
    into.updPage.push(...st.page);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const keepAt = args.indexOf('--keep');
  const keep = keepAt >= 0 ? args[keepAt + 1] : undefined;
  const [other, roundsText = '3'] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--keep');
  if (!other) throw new Error('usage: npx tsx bench/browser-compare.ts OTHER_BUILD_DIR [ROUNDS] [--keep FILE]');
  const { dir, file } = benchPlanFile('plandesk-compare-', keep);
  const figures = { other: empty(), this: empty() };
  const loads: string[] = [];
  try {
    for (let r = 0; r < Number(roundsText); r++) {
      // Which goes first alternates, so neither always follows the other's left-overs.
      const order: ('other' | 'this')[] = r % 2 ? ['this', 'other'] : ['other', 'this'];
      for (const which of order) {
        loads.push(fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '));
        await round(file, which === 'other' ? path.resolve(other) : undefined, figures[which]);
        console.log(`round ${r + 1} ${which} done (load ${loads.at(-1)})`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const row = (label: string, k: keyof Figures) => {
    const f = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)}`;
    console.log(`  ${label.padEnd(44)} ${f(figures.other[k]).padStart(14)}   ${f(figures.this[k]).padStart(14)}`);
  };
  console.log(`\n  p50 / p95 ms (${figures.this.targets.length} edits, ${figures.this.update.length} calls each)   ${'other build'.padStart(14)}   ${'this build'.padStart(14)}`);
  row('区县目标 Enter → typed value shown', 'targetsShown');
  row('区县目标 Enter → stored result shown', 'targets');
  row('  … that frame drawn', 'targetsDrawn');
  row('任务台账 Enter → typed value shown', 'ledgerShown');
  row('任务台账 Enter → stored result shown', 'ledger');
  row('  … that frame drawn', 'ledgerDrawn');
  row('tasks.update (page → host → page)', 'update');
  row('  host', 'updHost');
  row('  queue', 'updQueue');
  row('  page', 'updPage');
  console.log(`  load averages at the rounds: ${loads.join(' | ')}`);
}

await main();
