/**
 * Choosing departments (or districts) for a task: a filter box that also finds aliases
 * (市人社局 → 市人力社保局) and a checklist. NamesPicker is the chooser (the task detail panel uses it);
 * NamesEditor wraps it as the grid's cell editor, whose value is the chosen names joined with 、.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { t } from '../../i18n/index.ts';
import { splitNames } from '../../../../domain/text.ts';

export interface NameOption {
  name: string;
  aliases: string[];
}

export function NamesPicker(props: {
  options: NameOption[];
  chosen: string[];
  onChange: (names: string[]) => void;
  /** Enter on an empty filter (the cell editor saves) */
  onDone?: () => void;
  initialQuery?: string;
  autoFocus?: boolean;
  /** the checklist only while the filter box is used (the detail panel) */
  compact?: boolean;
  inputId?: string;
  testId?: string;
}) {
  const { chosen, onChange } = props;
  const [query, setQuery] = useState(props.initialQuery ?? '');
  const [open, setOpen] = useState(!props.compact);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  const q = query.trim();
  const matches = props.options.filter((o) => !q || o.name.includes(q) || o.aliases.some((a) => a.includes(q))).slice(0, 200);
  const toggle = (name: string) => onChange(chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name]);
  return (
    <div className="names-picker" data-testid={props.testId}>
      <div className="chips">
        {chosen.length === 0 && <span className="muted small">{t('wb.names.none')}</span>}
        {chosen.map((n) => (
          <span key={n} className="chip">
            {n}
            <button type="button" onClick={() => toggle(n)} aria-label={t('wb.names.remove', { name: n })}>
              ×
            </button>
          </span>
        ))}
      </div>
      <input
        ref={input}
        id={props.inputId}
        value={query}
        placeholder={t('wb.names.filter')}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.compact && open) {
            // First Esc closes the list, the next one the panel.
            e.stopPropagation();
            setOpen(false);
            return;
          }
          if (e.key !== 'Enter') return;
          // Enter on a filtered list picks the first match; Enter on an empty filter saves.
          e.preventDefault();
          const first = matches[0];
          if (q && first) {
            toggle(first.name);
            setQuery('');
          } else props.onDone?.();
        }}
      />
      {open && (
        <ul className="names-list">
          {matches.map((o) => (
            <li key={o.name}>
              <label>
                <input type="checkbox" checked={chosen.includes(o.name)} onChange={() => toggle(o.name)} />
                {o.name}
                {o.aliases.length > 0 && <span className="muted small">（{o.aliases.join('、')}）</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function NamesEditor(props: CustomCellEditorProps & { options: NameOption[] }) {
  const initial = useMemo(() => splitNames(typeof props.initialValue === 'string' ? props.initialValue : ''), [props.initialValue]);
  const [chosen, setChosen] = useState<string[]>(initial);
  const set = (next: string[]) => {
    setChosen(next);
    props.onValueChange(next.join('、'));
  };
  return (
    <div className="names-editor" data-testid="names-editor">
      <NamesPicker
        options={props.options}
        chosen={chosen}
        onChange={set}
        onDone={() => props.stopEditing(false)}
        initialQuery={typeof props.eventKey === 'string' && props.eventKey.length === 1 ? props.eventKey : ''}
        autoFocus
      />
      <div className="names-actions">
        <span className="muted small">{t('wb.names.help')}</span>
        <button type="button" onClick={() => props.stopEditing(false)} data-testid="names-ok">
          {t('wb.ok')}
        </button>
      </div>
    </div>
  );
}
