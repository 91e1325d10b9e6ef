/**
 * The backup/restore copying worker (copy.ts): runs one CopyJob on its own connections and answers
 * once. Bundled on its own (scripts/bundle-options.mjs: workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { replyOf, runCopyJob, type CopyJob, type CopyReply } from './copy.ts';

if (parentPort) {
  let reply: CopyReply;
  try {
    runCopyJob(workerData as CopyJob);
    reply = { ok: true };
  } catch (err) {
    reply = replyOf(err);
  }
  parentPort.postMessage(reply);
}
