/**
 * 006 — authoring plans (issue 14): a plan can be archived and records the plan it was copied from;
 * a district of the common list has a kind and its groups. Shipped: never edit.
 *
 * plans.archived_at: when it was archived (NULL: in use); plans.list hides archived plans unless asked.
 * plans.origin_plan_id: the plan this one was copied from for a new period (no foreign key: the origin
 * may be deleted later and the copy keeps saying where it came from).
 * districts.kind: 'district' (区), 'county' (县), 'autonomous_county' (自治县) or 'area' (片区 and
 * functional areas such as 中心城区, “两群”地区, 两江新区: rows that are not districts), so no view
 * derives it from a missing GB/T 2260 code any more. Existing rows get it from their code and name.
 * districts.groups: a JSON array of the groups a district belongs to (中心城区, 主城新区, 渝西, 渝东北,
 * 渝东南); a district may be in two (the eight 渝西 districts are also 主城新区). area_group stays the
 * first of them, for files and readers of before. Existing rows get [area_group], and the eight 渝西
 * districts of the common list (GB/T 2260 codes) get 主城新区 in front.
 */
export default {
  version: 6,
  name: 'plan_authoring',
  sql: `
ALTER TABLE plans ADD COLUMN archived_at TEXT;
ALTER TABLE plans ADD COLUMN origin_plan_id TEXT;
ALTER TABLE districts ADD COLUMN kind TEXT NOT NULL DEFAULT 'area' CHECK (kind IN ('district', 'county', 'autonomous_county', 'area'));
ALTER TABLE districts ADD COLUMN groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups) AND json_type(groups) = 'array');
UPDATE districts SET kind = CASE
    WHEN code IS NULL OR code NOT GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]' THEN 'area'
    WHEN name GLOB '*自治县' THEN 'autonomous_county'
    WHEN name GLOB '*县' THEN 'county'
    ELSE 'district' END;
UPDATE districts SET groups = CASE WHEN area_group IS NULL OR area_group = '' THEN '[]' ELSE json_array(area_group) END;
UPDATE districts SET groups = json_array('主城新区', '渝西'), area_group = '主城新区'
  WHERE code IN ('500111', '500116', '500117', '500118', '500120', '500151', '500152', '500153') AND area_group = '渝西';
CREATE INDEX plans_archived ON plans(archived_at);
`,
};
