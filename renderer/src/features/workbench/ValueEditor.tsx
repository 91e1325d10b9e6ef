/**
 * Typing a value the way planners type it ("1.2万", "5000万元", "30左右"): the text is read with the
 * one rule of the core (domain/numbers.ts readValueText), and when it carried a magnitude or a unit
 * the value that will be stored is shown under the input while typing ("= 12,000 亿元"); an
 * incompatible unit or a word that is no number is said there before Enter. The core checks the
 * same text again when it is saved, so what the preview says is what is stored.
 *
 * ValueInput: a plain input with the preview (completion, forms). ValueCellEditor: the same as an
 * ag-grid cell editor (the targets grid), a popup over the cell so the preview line has room.
 */
import { forwardRef, type InputHTMLAttributes } from 'react';
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import { readValueText } from '../../../../domain/numbers.ts';
import { formatDecimal, t } from '../../i18n/index.ts';
import './value-editor.css';

export type ValuePreviewState = { kind: 'stored'; shown: string } | { kind: 'refused'; message: string } | null;

/** What the editor says under the input for `text` in a cell measured in `unit`: null when the text is plain. */
export function valuePreview(text: string, unit: string | null): ValuePreviewState {
  if (text.trim() === '') return null;
  const r = readValueText(text, unit);
  if (!r.ok) return { kind: 'refused', message: r.problem === 'unit' ? t('num.unitMismatch', { unit: unit ?? '—' }) : t('num.notNumber') };
  if (!r.converted || r.value === null) return null;
  return { kind: 'stored', shown: `= ${formatDecimal(r.value)}${unit ? ` ${unit}` : ''}` };
}

export function ValuePreview({ text, unit, testId = 'value-preview' }: { text: string; unit: string | null; testId?: string }) {
  const p = valuePreview(text, unit);
  if (!p) return null;
  return (
    <span className={`value-preview ${p.kind === 'refused' ? 'refused' : ''}`} data-testid={testId} title={p.kind === 'stored' ? t('num.previewTitle') : undefined} role="status">
      {p.kind === 'stored' ? p.shown : p.message}
    </span>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** An input for one value with the preview of what will be stored beneath it. */
export const ValueInput = forwardRef<HTMLInputElement, InputProps & { value: string; onChange: (text: string) => void; unit: string | null; previewTestId?: string }>(
  function ValueInput({ value, onChange, unit, previewTestId, className, ...rest }, ref) {
    return (
      <span className={`value-input ${className ?? ''}`}>
        <input ref={ref} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
        <ValuePreview text={value} unit={unit} {...(previewTestId ? { testId: previewTestId } : {})} />
      </span>
    );
  },
);

/** Parameters a column gives the editor: `cellEditorParams: { unit }`. */
export interface ValueCellEditorParams {
  unit: string | null;
}

/**
 * The targets grid's cell editor. Started by typing a character it begins with that character,
 * by Delete/Backspace empty, otherwise with the cell's number; Enter saves (through the column's valueSetter,
 * sheet.ts directEdit; checked by the core), Escape cancels. A plain ag-grid component rather than a React one:
 * the grid creates it and focuses its input synchronously on the key that starts the edit, so the
 * keys typed right after it land in the input (a React editor mounts a tick later and lost them).
 */
export class ValueCellEditor implements ICellEditorComp {
  /** one line: Enter ends the edit ahead of ag-grid (sheet.ts enterAhead) */
  static readonly oneLine = true;
  private gui = document.createElement('div');
  private input = document.createElement('input');
  private preview = document.createElement('span');
  private unit: string | null = null;

  init(params: ICellEditorParams & ValueCellEditorParams): void {
    this.unit = params.unit;
    this.gui.className = 'value-cell-editor';
    this.gui.dataset.testid = 'value-cell-editor';
    this.input.setAttribute('aria-label', params.colDef.headerName ?? '');
    this.preview.dataset.testid = 'value-preview';
    this.preview.setAttribute('role', 'status');
    this.gui.append(this.input, this.preview);
    const k = params.eventKey;
    const initial = params.value === null || params.value === undefined ? '' : String(params.value);
    this.input.value = k === 'Backspace' || k === 'Delete' ? '' : k && k.length === 1 ? k : initial;
    this.input.addEventListener('input', () => this.update());
    this.update();
  }

  private update(): void {
    const p = valuePreview(this.input.value, this.unit);
    this.preview.hidden = p === null;
    this.preview.className = `value-preview${p?.kind === 'refused' ? ' refused' : ''}`;
    this.preview.textContent = p === null ? '' : p.kind === 'stored' ? p.shown : p.message;
    this.preview.title = p?.kind === 'stored' ? t('num.previewTitle') : '';
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  afterGuiAttached(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  getValue(): string {
    return this.input.value;
  }

  isPopup(): boolean {
    return true;
  }

  getPopupPosition(): 'over' {
    return 'over';
  }
}
