/**
 * One actual value cell: saves on Enter or when leaving the cell, only if the text changed. Typed
 * the way planners type ("1.2万"): the value that will be stored shows beneath while typing
 * (ValueEditor.tsx). A paste of several lines or cells (a column copied from Excel/WPS) is not put
 * into this one box: it goes to `onPasteBlock`, which fills the boxes down (and across) from here.
 */
import { useEffect, useState } from 'react';
import { formatDecimal } from '../../i18n/index.ts';
import { parseDelimited } from '../../../../domain/delimited.ts';
import { ValueInput } from '../workbench/ValueEditor.tsx';

/** The cells of a pasted text (tab-separated, as Excel and WPS copy), or null when it is one value. */
export function pastedBlock(text: string): string[][] | null {
  const rows = parseDelimited(text.replace(/(\r\n|\n|\r)$/, ''), '\t');
  if (rows.length <= 1 && (rows[0]?.length ?? 0) <= 1) return null;
  return rows;
}

export function ActualInput(props: {
  value: string | null;
  /** the wording kept with the value ("1.2万"), shown on hover */
  text?: string | null;
  unit: string | null;
  label: string;
  onSave: (v: string) => Promise<unknown> | void;
  onPasteBlock?: (block: string[][]) => void;
  testId: string;
}) {
  const { value, label, onSave, testId } = props;
  const shown = formatDecimal(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    if (text.trim() === shown) return;
    void onSave(text.trim());
  };
  return (
    <ValueInput
      value={text}
      unit={props.unit}
      aria-label={label}
      title={props.text && props.text !== value ? props.text : undefined}
      data-testid={testId}
      previewTestId={`${testId}-preview`}
      onChange={setText}
      onBlur={commit}
      onPaste={(e) => {
        const block = props.onPasteBlock ? pastedBlock(e.clipboardData.getData('text/plain')) : null;
        if (!block || !props.onPasteBlock) return;
        e.preventDefault();
        props.onPasteBlock(block);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(shown);
      }}
    />
  );
}
