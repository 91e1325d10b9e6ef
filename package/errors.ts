/**
 * A refusal of the package layer: the same shape as the core's PlanDeskError (db/errors.ts) and the
 * hub's HubError (hub/errors.ts) — a code, a Chinese message naming the table and field, issues and a
 * stable reason key — but neither, because this layer is shared by both and imports neither. The core
 * turns it into a PlanDeskError (db/exchange/file.ts), the hub into a HubError (hub/packages/verify.ts).
 */
export type PackageErrorCode = 'INVALID_INPUT' | 'FILE_NOT_FOUND';
export type PackageErrorParams = Record<string, string | number>;

export interface PackageIssue {
  field?: string | undefined;
  row?: number | undefined;
  message: string;
}

export class PackageError extends Error {
  readonly code: PackageErrorCode;
  readonly issues: PackageIssue[];
  readonly reason: string;
  readonly params: PackageErrorParams | undefined;
  constructor(code: PackageErrorCode, message: string, issues: PackageIssue[], why: { reason: string; params?: PackageErrorParams }) {
    super(message);
    this.name = 'PackageError';
    this.code = code;
    this.issues = issues;
    this.reason = why.reason;
    this.params = why.params;
  }
}
