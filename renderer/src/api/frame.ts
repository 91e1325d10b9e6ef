/**
 * Work an edit's answer brings that need not be in the frame showing the stored cell (the toolbar's
 * undo/redo, change sets pushed by the host, a tab's own render of what its grid already shows) runs
 * after that frame, so the frame comes sooner.
 */
/** Runs `f` once the next frame is drawn (a task after it), or soon when no frame comes (a hidden tab). */
export function afterNextFrame(f: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    f();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

