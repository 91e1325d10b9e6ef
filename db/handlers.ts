/**
 * The core's implementation of the API contract: every domain's handlers, by operation name. The
 * `satisfies Handlers` makes a missing handler a compile error; each domain's own
 * `satisfies HandlersFor<…>` makes an extra or mistyped one a compile error.
 */
import type { OperationName, OperationOutput, ParsedInput } from '../contract/operations.ts';
import type { StoreContext } from './context.ts';
import { appHandlers } from './preferences/handlers.ts';
import { planHandlers } from './plans/handlers.ts';
import { taskHandlers } from './tasks/handlers.ts';
import { targetHandlers } from './targets/handlers.ts';
import { historyHandlers } from './history/handlers.ts';
import { backupHandlers } from './backup/handlers.ts';
import { transferHandlers } from './transfer/handlers.ts';
import { versionHandlers } from './versions/handlers.ts';
import { checkHandlers } from './checks/handlers.ts';
import { breakdownHandlers } from './breakdown/handlers.ts';
import { completionHandlers } from './completion/handlers.ts';
import { clusterHandlers } from './clusters/edits.ts';
import { indicatorHandlers } from './indicators/edits.ts';

export type Handlers = { [N in OperationName]: (ctx: StoreContext, input: ParsedInput<N>) => OperationOutput<N> };

export const handlers = {
  ...appHandlers,
  ...planHandlers,
  ...taskHandlers,
  ...targetHandlers,
  ...historyHandlers,
  ...backupHandlers,
  ...transferHandlers,
  ...versionHandlers,
  ...checkHandlers,
  ...breakdownHandlers,
  ...completionHandlers,
  ...clusterHandlers,
  ...indicatorHandlers,
} satisfies Handlers;
