/**
 * Plans on the hub (issue 16): every package the hub can apply (hub/plans/apply.ts) is written into the
 * plan's rows in PostgreSQL, in one transaction with the package's row, a new version and the audit row.
 *
 * hub_rows is temporal: a row's content (the versioned record of the desktop, db/versions/rows.ts, as
 * jsonb) is valid from the version that wrote it up to, not including, the version that replaced or
 * removed it (to_version NULL: current). The state of any version, and a compare between two versions,
 * is one SQL query. A target's value is an exact decimal: `value` is numeric, computed from the row
 * (a text or number the desktop keeps exactly), so the city roll-up sums in SQL without floating point.
 * District names are learned from the packages (a package names its district by id and by name).
 */
export const migration003 = {
  version: 3,
  name: 'plans',
  sql: `
CREATE TABLE hub_plans (
  plan_id         text PRIMARY KEY CHECK (char_length(plan_id) BETWEEN 1 AND 200),
  title           text NOT NULL,
  doc_number      text,
  current_version integer NOT NULL CHECK (current_version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub_versions (
  plan_id      text NOT NULL REFERENCES hub_plans (plan_id),
  version      integer NOT NULL CHECK (version >= 1),
  package_row  bigint NOT NULL REFERENCES packages (id),
  package_id   text NOT NULL,
  -- 'city' or the district's name
  sender       text NOT NULL,
  author       text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  change_count integer NOT NULL CHECK (change_count >= 0),
  label        text NOT NULL,
  PRIMARY KEY (plan_id, version),
  CONSTRAINT hub_versions_package_unique UNIQUE (package_row)
);

CREATE TABLE hub_rows (
  plan_id      text NOT NULL REFERENCES hub_plans (plan_id),
  -- a record kind of the packages (domain/exchange/types.ts EXCHANGE_ENTITIES, checked when a package is read):
  -- not listed here, so a kind packages gain later (comments) needs no migration
  entity       text NOT NULL CHECK (char_length(entity) BETWEEN 1 AND 50),
  row_id       text NOT NULL,
  data         jsonb NOT NULL,
  from_version integer NOT NULL,
  to_version   integer CHECK (to_version > from_version),
  -- a target's value as an exact decimal (null: none, or not a plain decimal)
  value        numeric GENERATED ALWAYS AS (
                 CASE WHEN entity = 'target' AND (data ->> 'value') ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (data ->> 'value')::numeric END) STORED,
  PRIMARY KEY (plan_id, entity, row_id, from_version)
);
CREATE UNIQUE INDEX hub_rows_current ON hub_rows (plan_id, entity, row_id) WHERE to_version IS NULL;
CREATE INDEX hub_rows_versions ON hub_rows (plan_id, from_version);

-- what applying each stored package did: applied, applied with conflicts kept, or not applied (the hub
-- does not hold the plan: its whole-plan package went by file)
CREATE TABLE hub_applied (
  package_row    bigint PRIMARY KEY REFERENCES packages (id),
  plan_id        text NOT NULL,
  version        integer,
  state          text NOT NULL CHECK (state IN ('applied', 'conflicts', 'unapplied')),
  change_count   integer NOT NULL DEFAULT 0,
  conflict_count integer NOT NULL DEFAULT 0,
  message        text
);

-- a district's change the hub did not take because the city's row differs (three-way merge, domain/exchange/merge.ts)
CREATE TABLE hub_conflicts (
  package_row bigint NOT NULL REFERENCES hub_applied (package_row),
  n           integer NOT NULL,
  kind        text NOT NULL,
  entity      text NOT NULL,
  row_id      text NOT NULL,
  field       text,
  base        jsonb,
  mine        jsonb,
  theirs      jsonb,
  PRIMARY KEY (package_row, n)
);

CREATE TABLE hub_districts (
  plan_id     text NOT NULL,
  district_id text NOT NULL,
  name        text NOT NULL,
  PRIMARY KEY (plan_id, district_id)
);
`,
};
