/**
 * What a valid identity is (pure: the lists are passed in). Name and department obey the typing rules
 * (domain/text.ts); the department is taken from the common list when it names one (by name or alias,
 * stored under its own name), and otherwise kept as typed; a district must be one of the districts list.
 */
import { MAX_NAME, typedTextProblem } from '../../domain/text.ts';
import type { ErrorIssue } from '../errors.ts';

export interface IdentityInput {
  name: string;
  department: string;
  district?: string | null | undefined;
}

export interface Named {
  id: string;
  name: string;
}

export interface CheckedIdentity {
  name: string;
  department: string;
  departmentId: string | null;
  district: string | null;
  districtId: string | null;
}

export type IdentityCheck = { ok: true; value: CheckedIdentity } | { ok: false; issues: ErrorIssue[] };

export function checkIdentity(
  input: IdentityInput,
  lookup: { department: (name: string) => Named | null; district: (name: string) => Named | null },
): IdentityCheck {
  const issues: ErrorIssue[] = [];
  const name = input.name.trim();
  const department = input.department.trim();
  const district = input.district?.trim() || null;
  if (!name) issues.push({ field: 'name', message: '请填写姓名，它会记录在每一条修改记录中', reason: 'identity.nameEmpty' });
  else {
    const p = typedTextProblem(name, MAX_NAME);
    if (p) issues.push({ field: 'name', message: `姓名${p}` });
  }
  if (!department) issues.push({ field: 'department', message: '请填写所在部门（可从部门列表中选择，也可直接填写）', reason: 'identity.departmentEmpty' });
  else {
    const p = typedTextProblem(department, MAX_NAME);
    if (p) issues.push({ field: 'department', message: `部门${p}` });
  }
  const dept = department ? lookup.department(department) : null;
  let dist: Named | null = null;
  if (district) {
    dist = lookup.district(district);
    if (!dist) issues.push({ field: 'district', message: `区县“${district.slice(0, 40)}”不在区县列表中；市级用户请留空`, reason: 'identity.unknownDistrict', params: { name: district.slice(0, 40) } });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: { name, department: dept?.name ?? department, departmentId: dept?.id ?? null, district: dist?.name ?? null, districtId: dist?.id ?? null },
  };
}
