/**
 * Where a cell edit's time goes (a tool, not a figure of `npm run bench`): the browser bench's edits on the
 * 100k plan with each edit's stages read from the page (Enter → request sent → answer in → shown) and a
 * CPU profile of the page over all edits (CDP Profiler), summed by function, self and total.
 *
 *   npx tsx bench/browser-profile.ts targets|ledger|update [N] [--keep FILE]
 *
 * `update` profiles the bench's tasks.update write calls made from the page while the ledger is shown.
 * `--keep FILE` builds the plan file once and reuses it on later runs (the edits change a few cells).
 */
import fs from 'node:fs';
import path from 'node:path';
import { percentile } from './browser-host.ts';
import { editCells, onBenchPage, toolArgs, typeInto } from './browser-tool.ts';
import { ledgerEdits, targetEdits } from './browser-edits.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

/** Sample times (page ms, performance.now) from the profile's µs clock, aligned by a named busy loop run at a known page time. */
function sampleTimes(p: Profile, calibAt: number): number[] {
  const times: number[] = [];
  let t = p.startTime;
  for (const d of p.timeDeltas) times.push((t += d) / 1000);
  const calib = new Set(p.nodes.filter((n) => n.callFrame.functionName === '__calib').map((n) => n.id));
  const first = p.samples.findIndex((id) => calib.has(id));
  const offset = first >= 0 ? times[first]! - calibAt : 0;
  return times.map((x) => x - offset);
}

/** Self time by function of the samples inside any of the windows. */
function windowed(p: Profile, times: number[], windows: [number, number][], top = 25): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  p.samples.forEach((id, i) => {
    const at = times[i]!;
    if (!windows.some(([a, b]) => at >= a && at <= b)) return;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id);
    if (!n || n.callFrame.functionName === '(idle)') return;
    all += dt;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const k = name(node);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  console.log(`   busy ${all.toFixed(1)} ms in ${windows.length} windows`);
  console.log('   -- self');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`   ${v.toFixed(1).padStart(8)}  ${k}`);
  console.log('   -- total');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) console.log(`   ${v.toFixed(1).padStart(8)}  ${k}`);
}

function summarize(p: Profile, top = 25): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  let all = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id);
    if (!n) return;
    const k = name(n);
    if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
    all += dt;
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const kk = name(node);
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + dt);
    }
  });
  console.log(`busy (not idle/program): ${all.toFixed(1)} ms`);
  console.log('-- self');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  console.log('-- total');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { name?: string } }

/** Trace events (complete events on the page's main thread) inside the stage windows, summed by name. */
function traceSummary(trace: { traceEvents: TraceEvent[] }, calibAt: number, stages: { t0: number; sent: number; answered: number; settled: number }[]): void {
  const ev = trace.traceEvents;
  const main = ev.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && ev.some((x) => x.pid === e.pid && x.name === 'calib'));
  const mark = ev.find((e) => e.name === 'calib');
  if (!main || !mark) return console.log('trace: no main thread / calib mark');
  const offset = mark.ts / 1000 - calibAt;
  const onMain = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const report = (label: string, windows: [number, number][]) => {
    const by = new Map<string, number>();
    for (const e of onMain) {
      const a = e.ts / 1000 - offset;
      const b = a + e.dur! / 1000;
      for (const [x, y] of windows) {
        const o = Math.min(b, y) - Math.max(a, x);
        if (o > 0) by.set(e.name, (by.get(e.name) ?? 0) + o);
      }
    }
    console.log(`== trace ${label} (ms summed over ${windows.length} windows; nested events overlap)`);
    for (const [k, v] of [...by].sort((p, q) => q[1] - p[1]).slice(0, 30)) console.log(`   ${v.toFixed(1).padStart(8)}  ${k}`);
  };
  report('Enter → sent', stages.map((s) => [s.t0, s.t0 + s.sent]));
  report('sent → answered', stages.map((s) => [s.t0 + s.sent, s.t0 + s.answered]));
  report('answered → settled', stages.map((s) => [s.t0 + s.answered, s.t0 + s.settled]));
}

const STAGES = `(op) => {
  const out = [];
  window.__stages = out;
  const orig = window.__armEdit;
  window.__armEdit = (...args) => {
    orig(...args);
    const p = window.__edit;
    let t0 = 0;
    const onKey = (e) => { if (e.key === 'Enter' && !t0) t0 = performance.now(); };
    window.addEventListener('keydown', onKey, true);
    window.__edit = p.then((r) => {
      window.removeEventListener('keydown', onKey, true);
      const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/api/' + op) && x.startTime >= t0);
      if (r && e) out.push({ t0, sent: e.startTime - t0, answered: e.responseEnd - t0, shown: r.shown, settled: r.settled });
      return r;
    });
  };
}`;

async function main(): Promise<void> {
  const { what, n, keep } = toolArgs(30);
  await onBenchPage('plandesk-profile-', keep, async (page, browser) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    let stagesSeen: { t0: number; sent: number; answered: number; shown: number; settled: number }[] = [];
    const op = what === 'targets' ? 'targets.setMany' : 'tasks.updateMany';
    // The harness is installed by the first edit; warm up with one edit, then wrap it to read the stages.
    if (what === 'update') await ledgerEdits(page, 1);
    else await (what === 'targets' ? targetEdits : ledgerEdits)(page, 1);
    await page.evaluate(`(${STAGES})(${JSON.stringify(op)})`);
    const requests = new Map<string, number>();
    page.on('request', (r) => {
      const u = new URL(r.url()).pathname;
      requests.set(u, (requests.get(u) ?? 0) + 1);
    });
    const tracing = process.argv.includes('--trace');
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'blink', 'cc', 'gpu', 'viz'] });
    await cdp.send('Profiler.start');
    const calibAt = (await page.evaluate(`(function __calib() { const t = performance.now(); performance.mark('calib'); while (performance.now() - t < 30) {} return t; })()`)) as number;
    if (what === 'update') {
      const inputs = Array.from({ length: n }, (_, i) => ({ taskId: 'bt-7', patch: { progress: `进展 ${i}-${Date.now()}` } }));
      const calls = (await page.evaluate(`(async () => {
        const token = sessionStorage.getItem('plandesk.token') ?? '';
        const out = [];
        for (const input of ${JSON.stringify(inputs)}) {
          performance.clearResourceTimings();
          const t0 = performance.now();
          const r = await fetch('./api/tasks.update', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': token }, body: JSON.stringify(input) });
          await r.json();
          const t1 = performance.now();
          const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/api/tasks.update'));
          out.push({ t0, sent: e.requestStart - t0, first: e.responseStart - t0, answered: e.responseEnd - t0, settled: t1 - t0 });
        }
        return out;
      })()`)) as { t0: number; sent: number; first: number; answered: number; settled: number }[];
      for (const k of ['sent', 'first', 'answered', 'settled'] as const) console.log(`${k.padEnd(8)} p50/p95 ${percentile(calls.map((c) => c[k]), 50).toFixed(1)} / ${percentile(calls.map((c) => c[k]), 95).toFixed(1)}`);
      const after = calls.map((s) => s.settled - s.answered);
      console.log(`answered→parsed p50/p95 ${percentile(after, 50).toFixed(1)} / ${percentile(after, 95).toFixed(1)}`);
      stagesSeen = calls.map((c) => ({ ...c, shown: 0 }));
    } else {
      // Re-arming per edit: the edits helper evaluates HARNESS again, which would drop the wrapper; so drive it here.
      const { sum, cell } = editCells(what);
      for (let i = 0; i < n; i++) {
        const sel = cell(i);
        const value = what === 'targets' ? String(900 + i) : `节${i}`;
        await typeInto(page, sel, value);
        await page.evaluate(`window.__armEdit(${JSON.stringify(sel)}, ${JSON.stringify(value)}, ${JSON.stringify(sum)}, ${JSON.stringify(op)})`);
        await page.keyboard.press('Enter');
        await page.evaluate('window.__edit');
        await page.waitForTimeout(600);
      }
      const stages = (await page.evaluate('window.__stages')) as { t0: number; sent: number; answered: number; shown: number; settled: number }[];
      stagesSeen = stages;
      for (const k of ['sent', 'answered', 'shown', 'settled'] as const) {
        const xs = stages.map((s) => s[k]);
        console.log(`${k.padEnd(8)} p50/p95 ${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)}`);
      }
      const after = stages.map((s) => s.settled - s.answered);
      console.log(`answered→settled p50/p95 ${percentile(after, 50).toFixed(1)} / ${percentile(after, 95).toFixed(1)}`);
    }
    console.log('requests during the run:', [...requests].map(([u, c]) => `${u} ×${c}`).join(', '));
    if (tracing) {
      const buf = await browser.stopTracing();
      fs.writeFileSync(`/tmp/plandesk-${what}.trace.json`, buf);
      traceSummary(JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }, calibAt, stagesSeen);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    fs.writeFileSync(`/tmp/plandesk-${what}.cpuprofile`, JSON.stringify(profile));
    summarize(profile);
    if (stagesSeen.length) {
      const times = sampleTimes(profile, calibAt);
      console.log('== Enter → request sent');
      windowed(profile, times, stagesSeen.map((s) => [s.t0, s.t0 + s.sent]));
      console.log('== request sent → answered');
      windowed(profile, times, stagesSeen.map((s) => [s.t0 + s.sent, s.t0 + s.answered]));
      console.log('== answered → settled');
      windowed(profile, times, stagesSeen.map((s) => [s.t0 + s.answered, s.t0 + s.settled]));
    }
  });
}

await main();
