/**
 * A month of the plan period, chosen from a list labelled in the UI's language ("2026年12月" / "Dec 2026").
 * Replaces <input type="month">, which Chromium labels in the browser's language ("December 2026") and
 * shows as "--------- ----" while empty, whatever language the workbench speaks.
 */
import { useMemo } from 'react';
import { t, useLanguage } from '../../i18n/index.ts';

// One formatter per language: building an Intl.DateTimeFormat costs about 0.1 ms, and the two lists of a
// 15-year period label 360 months on every render of the filters (once 1.2 s of main-thread time per
// 30 ledger edits on the 100k bench plan, measured with the CPU profiler).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-12" → "2026年12月" (zh-CN) / "Dec 2026" (en), by Intl. */
export function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  let f = formatters.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { year: 'numeric', month: language === 'en' ? 'short' : 'long', timeZone: 'UTC' });
    formatters.set(language, f);
  }
  return f.format(Date.UTC(y, m - 1, 1));
}

/** The options of the period's years, month by month; the same elements while period and language stay. */
function PeriodOptions(props: { start: number; end: number; language: string }) {
  const { start, end, language } = props;
  return useMemo(() => {
    const years: number[] = [];
    for (let y = start; y <= end; y++) years.push(y);
    const months = (y: number) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
    return years.map((y) => (
      <optgroup key={y} label={t('wb.filter.year', { year: y })}>
        {months(y).map((m) => (
          <option key={m} value={m}>
            {monthLabel(m, language)}
          </option>
        ))}
      </optgroup>
    ));
  }, [start, end, language]);
}

export function MonthSelect(props: {
  value: string | undefined;
  onChange: (month: string | undefined) => void;
  /** the plan period (null while it loads) */
  period: { periodStart: number; periodEnd: number } | null;
  placeholder: string;
  label: string;
  testId: string;
}) {
  const language = useLanguage();
  const period = props.period;
  // A month from a link that lies outside the period is still shown as chosen.
  const year = props.value ? Number(props.value.slice(0, 4)) : NaN;
  const outside = props.value && !(period && /^\d{4}-/.test(props.value) && year >= period.periodStart && year <= period.periodEnd) ? props.value : null;
  return (
    <select className="month-select" value={props.value ?? ''} aria-label={props.label} onChange={(e) => props.onChange(e.target.value || undefined)} data-testid={props.testId}>
      <option value="">{props.placeholder}</option>
      {outside && <option value={outside}>{monthLabel(outside, language)}</option>}
      {period && <PeriodOptions start={period.periodStart} end={period.periodEnd} language={language} />}
    </select>
  );
}
