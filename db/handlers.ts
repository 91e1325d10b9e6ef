/**
 * The core's implementation of the API contract: every domain's handlers, by operation name. The
 * `satisfies Handlers` makes a missing handler a compile error; each domain's own
 * `satisfies HandlersFor<…>` makes an extra or mistyped one a compile error.
 */
import type { OperationName, OperationOutput, ParsedInput } from '../contract/operations.ts';
import type { StoreContext } from './context.ts';
import { appHandlers } from './app/handlers.ts';
import { preferenceHandlers } from './preferences/handlers.ts';
import { planHandlers } from './plans/handlers.ts';
import { districtHandlers } from './districts/handlers.ts';
import { departmentHandlers } from './departments/handlers.ts';
import { taskHandlers } from './tasks/handlers.ts';
import { targetHandlers } from './targets/handlers.ts';
import { historyHandlers } from './history/handlers.ts';
import { backupHandlers } from './backups/handlers.ts';
import { exportHandlers } from './export/handlers.ts';
import { importHandlers } from './import/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { versionHandlers } from './versions/handlers.ts';
import { checkHandlers } from './checks/handlers.ts';
import { breakdownHandlers } from './breakdown/handlers.ts';
import { completionHandlers } from './completion/handlers.ts';
import { clusterHandlers } from './clusters/handlers.ts';
import { indicatorHandlers } from './indicators/handlers.ts';
import { identityHandlers } from './identity/handlers.ts';
import { commentHandlers } from './comments/handlers.ts';
import { draftHandlers } from './draft/handlers.ts';
import { keyHandlers } from './keys/handlers.ts';
import { leaderHandlers } from './leaders/handlers.ts';
import { packageHandlers } from './packages/handlers.ts';
import { packageFileHandlers } from './packagefiles/handlers.ts'; // s6-ui15
import { syncHandlers } from './sync/handlers.ts'; // s7-sync16

export type Handlers = { [N in OperationName]: (ctx: StoreContext, input: ParsedInput<N>) => OperationOutput<N> };

export const handlers = {
  ...appHandlers,
  ...preferenceHandlers,
  ...planHandlers,
  ...districtHandlers,
  ...departmentHandlers,
  ...taskHandlers,
  ...targetHandlers,
  ...historyHandlers,
  ...backupHandlers,
  ...exportHandlers,
  ...importHandlers,
  ...jobHandlers,
  ...versionHandlers,
  ...checkHandlers,
  ...breakdownHandlers,
  ...completionHandlers,
  ...clusterHandlers,
  ...indicatorHandlers,
  ...identityHandlers,
  ...commentHandlers,
  ...draftHandlers,
  ...keyHandlers,
  ...leaderHandlers,
  ...packageHandlers,
  ...packageFileHandlers, // s6-ui15
  ...syncHandlers, // s7-sync16
} satisfies Handlers;
