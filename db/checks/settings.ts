/**
 * Settings of the analysis features, kept in the `preferences` key/value table of the plan file:
 * the growth tolerance of the checks and the completion thresholds. Validated before writing.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid } from '../errors.ts';
import { Dec, parseDecimal } from '../../domain/numbers.ts';

const KEYS = {
  growthTolerancePoints: 'checks.growthTolerancePoints',
  okPercent: 'completion.okPercent',
  warnPercent: 'completion.warnPercent',
} as const;
type Key = keyof typeof KEYS;

export const DEFAULTS: Record<Key, string> = { growthTolerancePoints: '0.5', okPercent: '100', warnPercent: '90' };

function read(ctx: StoreContext, key: Key): string {
  const row = ctx.db.prepare<[string], { value: string }>('SELECT value FROM preferences WHERE key = ?').get(KEYS[key]);
  const v = row ? parseDecimal(row.value) : null;
  return v ?? DEFAULTS[key];
}

function write(ctx: StoreContext, values: Partial<Record<Key, string>>): void {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。');
  const stmt = ctx.db.prepare<[string, string], never>(
    'INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  ctx.db.transaction(() => {
    for (const [k, v] of Object.entries(values)) if (v !== undefined) stmt.run(KEYS[k as Key], v);
  })();
}

function percentInput(raw: string, field: string, label: string, max: number): string {
  const v = parseDecimal(raw.replace(/[%％]$/, '').replace(/个?百分点$/, ''));
  if (v === null || new Dec(v).lt(0) || new Dec(v).gt(max))
    throw invalid(`${label}应是 0 到 ${max} 之间的数：${raw}`, [{ field, message: `请填写 0—${max} 之间的数` }]);
  return v;
}

export function getCheckSettings(ctx: StoreContext): { growthTolerancePoints: string } {
  return { growthTolerancePoints: read(ctx, 'growthTolerancePoints') };
}

export function setCheckSettings(ctx: StoreContext, input: { growthTolerancePoints: string }): { growthTolerancePoints: string } {
  const v = percentInput(input.growthTolerancePoints, 'growthTolerancePoints', '增长率容差（百分点）', 100);
  write(ctx, { growthTolerancePoints: v });
  return getCheckSettings(ctx);
}

export function getCompletionSettings(ctx: StoreContext): { okPercent: string; warnPercent: string } {
  return { okPercent: read(ctx, 'okPercent'), warnPercent: read(ctx, 'warnPercent') };
}

export function setCompletionSettings(ctx: StoreContext, input: { okPercent: string; warnPercent: string }): { okPercent: string; warnPercent: string } {
  const ok = percentInput(input.okPercent, 'okPercent', '达标线', 1000);
  const warn = percentInput(input.warnPercent, 'warnPercent', '预警线', 1000);
  if (new Dec(warn).gt(ok))
    throw invalid(`预警线（${warn}%）不能高于达标线（${ok}%）`, [{ field: 'warnPercent', message: '预警线应不高于达标线' }]);
  write(ctx, { okPercent: ok, warnPercent: warn });
  return getCompletionSettings(ctx);
}
