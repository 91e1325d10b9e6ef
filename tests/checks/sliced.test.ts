/**
 * The checks of a workbook export's 一致性检查 sheet run in time slices on the export's read
 * snapshot (db/checks/steps.ts): other work gets the event loop between slices, and the findings are
 * exactly those of checks.run. A slicer whose budget is always spent pauses at every step.
 */
import { describe, expect, it } from 'vitest';
import { openReadSnapshot } from '../../db/context.ts';
import { runChecks, runChecksSliced } from '../../db/checks/handlers.ts';
import { Slicer } from '../../db/jobs/jobs.ts';
import { openStore } from '../../db/store.ts';
import { BIG_PLAN_ID, generatePlanBundle } from '../../bench/generate.ts';
import { tempFile } from '../helpers/store.ts';

describe('checks in time slices', () => {
  it('let the event loop in while they walk a 3,000-task plan, and find what checks.run finds', async () => {
    const file = tempFile();
    openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks: 3000, districts: 5, years: 3 }) }).close();
    const s = openStore(file);
    const snap = openReadSnapshot(s.ctx);
    try {
      let turns = 0;
      let running = true;
      const count = () => {
        if (!running) return;
        turns++;
        setImmediate(count);
      };
      setImmediate(count);
      const sliced = await runChecksSliced(snap.ctx, new Slicer(0), BIG_PLAN_ID);
      running = false;
      // 3,000 tasks read and walked 500 at a time: at least a dozen turns for other calls
      expect(turns).toBeGreaterThanOrEqual(12);
      expect(sliced).toEqual(runChecks(s.ctx, BIG_PLAN_ID));
      expect(sliced.findings.length).toBeGreaterThan(0);
      // on the store's own connection it is refused: an iterator left open across a pause would block every other call
      await expect(runChecksSliced(s.ctx, new Slicer(0), BIG_PLAN_ID)).rejects.toThrow(/read snapshot/);
    } finally {
      snap.close();
      s.close();
    }
  });
});
