/**
 * The operation names, for the Electron side. The preload is bundled (esbuild), so it may import
 * the contract; it exposes exactly these names, each bound to its own IPC channel.
 */
import { operations, type OperationName } from './operations.ts';

export const operationNames = Object.freeze(Object.keys(operations)) as readonly OperationName[];

export const IPC_PREFIX = 'plandesk:';
