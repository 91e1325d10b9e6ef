export declare const MANIFEST: string;
export declare function isStale(root: string, outdir: string, files: string[]): boolean;
