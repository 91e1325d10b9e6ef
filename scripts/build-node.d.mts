export declare const ROOT: string;
export declare const OUTDIR: string;
export declare function buildNode(options?: { logLevel?: 'silent' | 'error' | 'warning' | 'info' }): Promise<void>;
export declare function ensureNode(options?: { logLevel?: 'silent' | 'error' | 'warning' | 'info' }): Promise<boolean>;
