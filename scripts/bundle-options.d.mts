import type { BuildOptions } from 'esbuild';
export declare const common: BuildOptions;
export declare const importMetaUrl: Pick<BuildOptions, 'define' | 'banner'>;
export declare const workerEntries: string[];
