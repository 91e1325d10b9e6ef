/** One actual value cell: saves on Enter or when leaving the cell, only if the text changed. */
import { useEffect, useState } from 'react';
import { formatDecimal } from '../../i18n/index.ts';

export function ActualInput({ value, label, onSave, testId }: { value: string | null; label: string; onSave: (v: string) => Promise<unknown> | void; testId: string }) {
  const shown = formatDecimal(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    if (text.trim() === shown) return;
    void onSave(text.trim());
  };
  return (
    <input
      value={text}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(shown);
      }}
    />
  );
}
