/**
 * The preload: exposes exactly one function per operation of the contract as window.plandesk,
 * each bound to its own channel. Never ipcRenderer itself, never a channel chosen by the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, operationNames } from '../contract/names.ts';

const bridge = Object.fromEntries(
  operationNames.map((name) => {
    const channel = IPC_PREFIX + name;
    return [name, (input: unknown) => ipcRenderer.invoke(channel, input)];
  }),
);

contextBridge.exposeInMainWorld('plandesk', Object.freeze(bridge));
