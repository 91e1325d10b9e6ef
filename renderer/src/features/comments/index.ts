/** Comments (批注): the grids' marker and popover (gridComments.tsx, bindings.ts) and a task's comments for a detail panel. */
export { useGridComments, type CommentBinding } from './gridComments.tsx';
export { matrixComments, taskComments } from './bindings.ts';
export { TaskComments } from './TaskComments.tsx';
export { CommentThread } from './CommentThread.tsx';
