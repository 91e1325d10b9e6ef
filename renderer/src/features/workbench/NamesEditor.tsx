/**
 * Choosing departments (or districts) for a task cell: a filter box that also finds aliases
 * (市人社局 → 市人力社保局) and a checklist; the cell's value is the chosen names joined with 、.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { t } from '../../i18n/index.ts';
import { splitNames } from '../../../../domain/text.ts';

export interface NameOption {
  name: string;
  aliases: string[];
}

export function NamesEditor(props: CustomCellEditorProps & { options: NameOption[] }) {
  const initial = useMemo(() => splitNames(typeof props.initialValue === 'string' ? props.initialValue : ''), [props.initialValue]);
  const [chosen, setChosen] = useState<string[]>(initial);
  const [query, setQuery] = useState(typeof props.eventKey === 'string' && props.eventKey.length === 1 ? props.eventKey : '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const q = query.trim();
  const matches = props.options.filter((o) => !q || o.name.includes(q) || o.aliases.some((a) => a.includes(q))).slice(0, 200);
  const set = (next: string[]) => {
    setChosen(next);
    props.onValueChange(next.join('、'));
  };
  const toggle = (name: string) => set(chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name]);

  return (
    <div className="names-editor" data-testid="names-editor">
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
        value={query}
        placeholder={t('wb.names.filter')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          // Enter on a filtered list picks the first match; Enter on an empty filter saves.
          e.preventDefault();
          const first = matches[0];
          if (q && first) {
            toggle(first.name);
            setQuery('');
          } else props.stopEditing(false);
        }}
      />
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
      <div className="names-actions">
        <span className="muted small">{t('wb.names.help')}</span>
        <button type="button" onClick={() => props.stopEditing(false)} data-testid="names-ok">
          {t('wb.ok')}
        </button>
      </div>
    </div>
  );
}
