export declare function workerOutputs(workers?: string[]): Map<string, string>;
export declare function buildBundles(options: {
  outdir: string;
  hosts: Record<string, { entry: string; importMeta?: boolean }>;
  workers?: string[];
  logLevel?: 'silent' | 'error' | 'warning' | 'info';
}): Promise<void>;
