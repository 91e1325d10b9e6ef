/** Where a backup is restored to when the plan file itself is damaged: a new file beside it, never over it. */
import path from 'node:path';

export function recoveryCopyPath(damagedFile: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const ext = path.extname(damagedFile) || '.plandesk';
  return path.join(path.dirname(damagedFile), `${path.basename(damagedFile, ext)}-恢复-${stamp}${ext}`);
}
