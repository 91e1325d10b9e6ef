/** Reads the plan file to open from the command line: `--db FILE`, or a .plandesk file (file association). */
export function planFileFromArgv(argv: readonly string[]): string | null {
  const i = argv.indexOf('--db');
  if (i >= 0 && argv[i + 1]) return argv[i + 1] ?? null;
  const eq = argv.find((a) => a.startsWith('--db='));
  if (eq) return eq.slice('--db='.length) || null;
  return argv.find((a) => a.toLowerCase().endsWith('.plandesk')) ?? null;
}

/** The plan the window shows, from its URL's hash route (`…index.html#/plan/<id>/<tab>`), or null. */
export function planIdFromUrl(url: string): string | null {
  const m = /#\/plan\/([^/?#]+)/.exec(url);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
