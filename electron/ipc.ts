/**
 * Serves the API contract over IPC: one channel per operation ("plandesk:plans.list"), each
 * checking that the call comes from the app's own top-level page before dispatching it.
 */
import { IPC_PREFIX, operationNames } from '../contract/names.ts';
import type { ApiResult } from '../contract/result.ts';
import { isTrustedSender } from './security.ts';

export interface IpcEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, input: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export type Call = (name: string, input: unknown) => ApiResult<unknown>;

const FORBIDDEN: ApiResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本程序页面的调用', issues: [] } };

export function registerIpc(ipcMain: IpcMainLike, appUrl: string, call: () => Call): () => void {
  for (const name of operationNames) {
    ipcMain.handle(IPC_PREFIX + name, (event, input) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
      if (!isTrustedSender(sender, appUrl)) return FORBIDDEN;
      return call()(name, input);
    });
  }
  return () => operationNames.forEach((name) => ipcMain.removeHandler(IPC_PREFIX + name));
}
