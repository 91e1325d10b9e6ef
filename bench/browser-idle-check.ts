/** Idle CPU of one tab of the big plan, measured three times in a row (a tool beside browser-profile.ts): npx tsx bench/browser-idle-check.ts FILE [tab] */
import { BIG_PLAN_ID } from './generate.ts';
import { ensureBuilt, idleCpu, networkQuiet } from './browser-host.ts';
import { onHostPage } from './browser-tool.ts';

const [file = '', tab = 'targets'] = process.argv.slice(2);
ensureBuilt();
await onHostPage(file, async (page) => {
  await page.evaluate(`window.location.hash = '#/plan/${BIG_PLAN_ID}/${tab}'`);
  await page.waitForTimeout(500);
  await networkQuiet(page);
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  page.on('request', (r) => console.log(`  +${((Date.now() - t0) / 1000).toFixed(1)} s request ${new URL(r.url()).pathname}`));
  for (let i = 0; i < 4; i++) console.log(`+${((Date.now() - t0) / 1000).toFixed(1)} s ${tab} idle ${((await idleCpu(page, 10_000)) * 100).toFixed(2)}%`);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n || n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const k = `${node.callFrame.functionName || '(anon)'}:${node.callFrame.lineNumber + 1}`;
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
      seen.add(k);
    }
  });
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(1).padStart(8)} ${k}`);
});
