/** The common list's rules (pure, no database). */
import type { DistrictKind } from '../../contract/entities.ts';

const GB2260_COUNTY_LEVEL = /^\d{6}$/;

/**
 * A district's kind from its GB/T 2260 code and name, for rows that do not state it (older seed
 * files, the test builder): no six-digit code is an area; a name ending in 自治县 an autonomous
 * county, in 县 a county; else a district (区). Migration 006 applies the same rule in SQL.
 */
export function districtKindOf(code: string | null, name: string): DistrictKind {
  if (code === null || !GB2260_COUNTY_LEVEL.test(code)) return 'area';
  if (name.endsWith('自治县')) return 'autonomous_county';
  if (name.endsWith('县')) return 'county';
  return 'district';
}

export function parseGroups(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
