/**
 * A task's departments as the ledger and the detail panel show them: the department's own name, with
 * the document's wording beside it where the document writes it otherwise (task_departments.as_written,
 * migration 009: 19号 writes 市金融工作局 for 市金融监管局). The core answers `name` as written and
 * `canonicalName` only where they differ (contract/entities.ts departmentRef).
 */
import type { z } from 'zod';
import type { departmentRef } from '../../../../contract/entities.ts';

type DepartmentRef = z.infer<typeof departmentRef>;

export const shownName = (u: DepartmentRef): string => u.canonicalName ?? u.name;

/** the document's wordings of the links written otherwise, in order */
export const wordings = (refs: readonly DepartmentRef[]): string[] => refs.filter((u) => u.canonicalName !== undefined && u.canonicalName !== u.name).map((u) => u.name);

/** "市金融监管局（原文：市金融工作局）、市经济信息委"; `note` says the wording (the catalogue's wb.task.asWrittenNote). Pure: no i18n here, so node tests import it. */
export function namesWithWording(refs: readonly DepartmentRef[], note: (name: string) => string): string {
  return refs.map((u) => (u.canonicalName !== undefined && u.canonicalName !== u.name ? `${u.canonicalName}${note(u.name)}` : u.name)).join('、');
}
