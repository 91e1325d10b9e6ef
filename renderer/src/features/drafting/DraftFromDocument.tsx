/** 从公文新建规划: the button on the plan list; the file read as a job (draft.start), then the review. */
import { useRef, useState } from 'react';
import { ApiCallError } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { readFileBase64, runJob } from '../transfer/jobs.ts';
import { routeHref } from '../../router.ts';
import { newDraftId, saveDraftSession } from './session.ts';
import './drafting.css';

export function DraftFromDocument() {
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState<{ file: string; done: number; total: number } | null>(null);

  const open = async (file: File) => {
    setReading({ file: file.name, done: 0, total: 0 });
    try {
      const bytes = await readFileBase64(file);
      const s = await runJob('draft.start', { fileName: file.name, bytes }, (done, total) => setReading({ file: file.name, done, total }));
      const r = s.drafts ?? null;
      if (!r || r.drafts.length === 0) notify('error', t('dr.noDrafts', { file: file.name }));
      else {
        // the review is a screen of its own, kept in this window's session (session.ts)
        const draftId = newDraftId();
        saveDraftSession(draftId, { read: r, states: {}, tab: 0 });
        window.location.hash = routeHref({ screen: 'draft', draftId });
      }
    } catch (err) {
      // the refusal names the file (the core's message may not)
      if (err instanceof ApiCallError) notify('error', t('dr.refused', { file: file.name, message: err.error.message }), err.error.issues.map((i) => i.message));
      else notifyError(err);
    } finally {
      setReading(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <button type="button" className="dr-open" data-testid="dr-open" disabled={reading !== null} onClick={() => input.current?.click()}>
        {reading ? `${t('dr.reading', { file: reading.file })}${reading.total ? ` ${t('dr.progress', reading)}` : ''}` : t('dr.open')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="dr-file"
        accept=".txt,.pdf,.docx,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void open(f);
        }}
      />
    </>
  );
}
