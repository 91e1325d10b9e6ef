import { z } from 'zod';
import { id } from '../entities.ts';
import { op, writeOp } from '../op.ts';

export const historyStatus = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});

export const cellHistoryEntry = z.object({
  at: z.string(),
  userName: z.string(),
  /** the author's department and district (identity, migration 004); null before, or when none was set */
  userDepartment: z.string().nullable(),
  userDistrict: z.string().nullable(),
  label: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});

export const auditEntity = z.enum(['plan', 'task', 'target', 'cluster', 'indicator', 'plan_district', 'department', 'district', 'comment', 'department_alias', 'department_merge']);

export const historyOps = {
  'history.status': op(z.object({ planId: id }).strict(), historyStatus),
  /** Undoes the plan's latest change (an edit, a paste, an import…), as one step. */
  'history.undo': writeOp(z.object({ planId: id }).strict(), historyStatus.extend({ undone: z.string().nullable() })),
  'history.redo': writeOp(z.object({ planId: id }).strict(), historyStatus.extend({ redone: z.string().nullable() })),
  /** Every value one field of one record had: when, by whom, through which action. */
  'history.cell': op(
    z.object({ entity: auditEntity, entityId: id, field: z.string().max(100) }).strict(),
    z.array(cellHistoryEntry),
  ),
};
