/** 指标 chooser shared by the targets, clusters, breakdown and completion tabs: "name（unit）" per option. */
import { t } from '../i18n/index.ts';

export function IndicatorSelect({ indicators, value, onChange, testId }: { indicators: readonly { id: string; name: string; unit: string | null }[]; value: string | null; onChange: (id: string) => void; testId: string }) {
  return (
    <label>
      {t('wb.indicator')}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {indicators.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
            {i.unit ? `（${i.unit}）` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
