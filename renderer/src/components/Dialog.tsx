/**
 * The frame every modal dialog of the workbench shares (session 8, review: the dialogs each copied it): the
 * backdrop with role=dialog, aria-modal and its label, the white box (.dialog, optionally a form), its <h2>
 * title, Esc to close, and an optional close button at the bottom.
 *
 * Two ways Esc is heard, as the dialogs had them:
 * - by default, on the dialog itself (onKeyDown): the dialog was opened from inside the page and the focus is in it;
 * - `global`: on the window, and the dialog also closes when the user navigates (hashchange) — for the dialogs
 *   opened from the header (portalled into <body>, the focus may still be on the header's button). Subscribed
 *   once, calling the latest onEscape: a route change re-renders the page synchronously inside the hashchange
 *   event, and a listener swapped during that event would not be called for it.
 */
import { useEffect, useRef, type CSSProperties, type FormEvent, type ReactNode } from 'react';

export interface DialogProps {
  /** aria-label of the dialog */
  label?: string;
  testId?: string;
  /** classes added to the box (.dialog) */
  className?: string;
  style?: CSSProperties;
  /** what Esc does; null: Esc does nothing (a step that must not be left half-way, a first run) */
  onEscape: (() => void) | null;
  global?: boolean;
  /** the <h2> at the top, when the dialog has a plain one */
  title?: ReactNode;
  /** the box is a <form> with this submit handler (preventDefault already called) */
  onSubmit?: () => void;
  /** a close button at the bottom (.dialog-actions) */
  close?: { label: string; onClick: () => void; testId?: string };
  children: ReactNode;
}

export function Dialog(p: DialogProps) {
  const escape = useRef(p.onEscape);
  escape.current = p.onEscape;
  const global = p.global === true;
  useEffect(() => {
    if (!global) return undefined;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && escape.current?.();
    const onNavigate = () => escape.current?.();
    window.addEventListener('keydown', onKey);
    window.addEventListener('hashchange', onNavigate);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', onNavigate);
    };
  }, [global]);
  const body = (
    <>
      {p.title !== undefined && <h2>{p.title}</h2>}
      {p.children}
      {p.close && (
        <p className="dialog-actions">
          <button type="button" onClick={p.close.onClick} data-testid={p.close.testId}>
            {p.close.label}
          </button>
        </p>
      )}
    </>
  );
  const className = p.className ? `dialog ${p.className}` : 'dialog';
  const submit = p.onSubmit;
  return (
    <div
      className="dialog-backdrop"
      role="dialog"
      aria-modal="true"
      aria-label={p.label}
      data-testid={p.testId}
      onKeyDown={global ? undefined : (e) => e.key === 'Escape' && p.onEscape?.()}
    >
      {submit ? (
        <form
          className={className}
          style={p.style}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            submit();
          }}
        >
          {body}
        </form>
      ) : (
        <div className={className} style={p.style}>
          {body}
        </div>
      )}
    </div>
  );
}
