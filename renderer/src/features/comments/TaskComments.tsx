/**
 * A task's comments (批注), for the ledger's task detail panel to embed: `<TaskComments planId taskId />`.
 * Loads comments.list for the task and again when a write changes comments (here or in another tab).
 */
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { CommentThread } from './CommentThread.tsx';
import './comments.css';

/** `bare`: without its own heading, inside a section that has one (the task detail panel). */
export function TaskComments({ planId, taskId, readonly, bare }: { planId: string; taskId: string; readonly?: boolean; bare?: boolean }) {
  const q = useQuery('comments.list', { planId, taskId }, ['comments']);
  return (
    <section className="task-comments" data-testid="task-comments">
      {!bare && <h3>{t('comments.taskTitle')}</h3>}
      {q.data && <CommentThread planId={planId} on={{ target: 'task', taskId }} comments={q.data} readonly={readonly} testId="task-comment-thread" />}
    </section>
  );
}
