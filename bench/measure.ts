/** Timing and memory helpers for `npm run bench`: every figure is printed beside its baseline. */
export interface Figure {
  name: string;
  ms: number;
  peakRssMb?: number;
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Best of n runs, to damp the noise of a shared machine. */
export function bestOf<T>(n: number, fn: () => T): { ms: number; value: T } {
  let best: { ms: number; value: T } | null = null;
  for (let i = 0; i < n; i++) {
    const r = time(fn);
    if (!best || r.ms < best.ms) best = r;
  }
  return best!;
}

export function report(title: string, ours: Figure, baseline: Figure, target?: number): void {
  const ratio = ours.ms / baseline.ms;
  const verdict = target === undefined ? '' : ratio <= target ? `  ✓ within ${target}×` : `  ✗ over ${target}×`;
  const mem = (f: Figure) => (f.peakRssMb !== undefined ? `, peak RSS ${f.peakRssMb.toFixed(0)} MB` : '');
  console.log(`\n${title}`);
  console.log(`  ${ours.name.padEnd(44)} ${ours.ms.toFixed(1).padStart(10)} ms${mem(ours)}`);
  console.log(`  ${baseline.name.padEnd(44)} ${baseline.ms.toFixed(1).padStart(10)} ms${mem(baseline)}`);
  console.log(`  ratio ${ratio.toFixed(2)}×${verdict}`);
}
