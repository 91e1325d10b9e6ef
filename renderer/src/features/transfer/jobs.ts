/** Long exports and imports: start the job, poll jobs.status (the UI stays live), resolve with the result. */
import { call, ApiCallError } from '../../api/client.ts';
import type { OperationInput, OperationName, OperationOutput } from '../../../../contract/operations.ts';
import type { ExportedFile } from '../../../../contract/ops/export.ts';
import type { JobStatusOut } from '../../../../contract/ops/jobs.ts';
import { notify } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';

/** every operation that runs as a job: the ones that answer with nothing but a job id */
type JobOp = { [N in OperationName]: { jobId: string } extends OperationOutput<N> ? (OperationOutput<N> extends { jobId: string } ? N : never) : never }[OperationName];

export async function runJob<N extends JobOp>(name: N, input: OperationInput<N>, onProgress?: (done: number, total: number) => void): Promise<JobStatusOut> {
  const { jobId } = await call(name, input);
  for (let wait = 50; ; wait = Math.min(400, wait * 1.5)) {
    const s = await call('jobs.status', { jobId });
    onProgress?.(s.done, s.total);
    if (s.state === 'failed' && s.error) throw new ApiCallError(s.error);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, wait));
  }
}

export function downloadBase64(file: { fileName: string; mimeType: string; dataBase64: string }): void {
  const bin = atob(file.dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves an exported file and tells the user what it lacks, if anything (a notice that stays until closed). */
export function saveExported(file: ExportedFile): void {
  downloadBase64(file);
  if (file.warnings.length) notify('error', t('tr.exportedWithWarnings', { file: file.fileName }), file.warnings);
}

export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}
