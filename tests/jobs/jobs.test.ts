/** jobs.status (db/jobs/handlers.ts): progress and result of the jobs exports and imports start. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';

async function finished(s: ReturnType<typeof seededStore>, jobId: string): Promise<JobStatusOut> {
  for (;;) {
    const j = ok<JobStatusOut>(s, 'jobs.status', { jobId });
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('jobs', () => {
  it('an export job ends done with its file, and nothing in the other result slots', async () => {
    const s = seededStore();
    const { jobId } = ok<{ jobId: string }>(s, 'export.tasks', { planId: 'p-yukuaima', filter: {}, format: 'csv' });
    const j = await finished(s, jobId);
    expect(j).toMatchObject({ jobId, kind: 'export', state: 'done', preview: null, applied: null, error: null });
    const lines = Buffer.from(j.file!.dataBase64, 'base64').toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF.+ — 任务台账$/);
    expect(lines[1]).toMatch(/导出人 .+导出时间 /);
    expect(lines[2]!.startsWith('编号,')).toBe(true);
  });

  it('a failed job reports its typed error; an unknown job is NOT_FOUND', async () => {
    const s = seededStore();
    const { jobId } = ok<{ jobId: string }>(s, 'import.preview', { planId: 'p-yukuaima', fileName: 'x.xlsx', dataBase64: Buffer.from('not a workbook').toString('base64') });
    const j = await finished(s, jobId);
    expect(j.state).toBe('failed');
    expect(j.error?.message).toBeTruthy();
    const r = s.call('jobs.status', { jobId: 'no-such-job' });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
  });
});
