/**
 * A month of the plan period, chosen from a list labelled in the UI's language ("2026年12月" / "Dec 2026").
 * Replaces <input type="month">, which Chromium labels in the browser's language ("December 2026") and
 * shows as "--------- ----" while empty, whatever language the workbench speaks.
 */
import { t, useLanguage } from '../../i18n/index.ts';

/** "2026-12" → "2026年12月" (zh-CN) / "Dec 2026" (en), by Intl. */
export function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: language === 'en' ? 'short' : 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
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
  const years: number[] = [];
  if (props.period) for (let y = props.period.periodStart; y <= props.period.periodEnd; y++) years.push(y);
  const months = (y: number) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
  // A month from a link that lies outside the period is still shown as chosen.
  const outside = props.value && !years.some((y) => props.value?.startsWith(`${y}-`)) ? props.value : null;
  return (
    <select className="month-select" value={props.value ?? ''} aria-label={props.label} onChange={(e) => props.onChange(e.target.value || undefined)} data-testid={props.testId}>
      <option value="">{props.placeholder}</option>
      {outside && <option value={outside}>{monthLabel(outside, language)}</option>}
      {years.map((y) => (
        <optgroup key={y} label={t('wb.filter.year', { year: y })}>
          {months(y).map((m) => (
            <option key={m} value={m}>
              {monthLabel(m, language)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
