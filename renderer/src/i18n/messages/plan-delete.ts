/** plans.deleteStart's refusals (db/plans/delete-job.ts, delete.ts). — s6-auth14b */
export const zh = {
  'err.busy.delete': '正在删除规划，暂时不能修改；删除完成后再试',
  'err.plan.deleteAsJob': '规划“{title}”有 {tasks} 项任务，超过 {max} 项的规划在后台删除',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'err.busy.delete': 'A plan is being deleted; no changes can be made until it is done.',
  'err.plan.deleteAsJob': 'The plan “{title}” has {tasks} tasks; plans of more than {max} tasks are deleted in the background.',
};
