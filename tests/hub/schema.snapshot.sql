TABLE accounts
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY
  name text NOT NULL
  role text NOT NULL
  district text
  department text
  password_hash text NOT NULL
  disabled_at timestamp with time zone
  failed_logins integer NOT NULL DEFAULT 0
  last_failed_at timestamp with time zone
  locked_until timestamp with time zone
  created_at timestamp with time zone NOT NULL DEFAULT now()
  CONSTRAINT accounts_district_role CHECK (((role = 'district'::text) = (district IS NOT NULL)))
  CONSTRAINT accounts_failed_logins_check CHECK ((failed_logins >= 0))
  CONSTRAINT accounts_name_length CHECK (((char_length(name) >= 1) AND (char_length(name) <= 64)))
  CONSTRAINT accounts_name_unique UNIQUE (name)
  CONSTRAINT accounts_pkey PRIMARY KEY (id)
  CONSTRAINT accounts_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'officer'::text, 'reviewer'::text, 'district'::text])))
  CREATE UNIQUE INDEX accounts_name_unique ON public.accounts USING btree (name)
  CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)
TABLE audit_log
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY
  at timestamp with time zone NOT NULL DEFAULT now()
  account_id bigint
  account_name text
  action text NOT NULL
  client_address text
  details jsonb NOT NULL DEFAULT '{}'::jsonb
  CONSTRAINT audit_log_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id)
  CONSTRAINT audit_log_pkey PRIMARY KEY (id)
  CREATE INDEX audit_log_at ON public.audit_log USING btree (at)
  CREATE UNIQUE INDEX audit_log_pkey ON public.audit_log USING btree (id)
  CREATE TRIGGER audit_log_no_change BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
TABLE hub_applied
  package_row bigint NOT NULL
  plan_id text NOT NULL
  version integer
  state text NOT NULL
  change_count integer NOT NULL DEFAULT 0
  conflict_count integer NOT NULL DEFAULT 0
  message text
  CONSTRAINT hub_applied_package_row_fkey FOREIGN KEY (package_row) REFERENCES packages(id)
  CONSTRAINT hub_applied_pkey PRIMARY KEY (package_row)
  CONSTRAINT hub_applied_state_check CHECK ((state = ANY (ARRAY['applied'::text, 'conflicts'::text, 'unapplied'::text])))
  CREATE UNIQUE INDEX hub_applied_pkey ON public.hub_applied USING btree (package_row)
TABLE hub_conflicts
  package_row bigint NOT NULL
  n integer NOT NULL
  kind text NOT NULL
  entity text NOT NULL
  row_id text NOT NULL
  field text
  base jsonb
  mine jsonb
  theirs jsonb
  CONSTRAINT hub_conflicts_package_row_fkey FOREIGN KEY (package_row) REFERENCES hub_applied(package_row)
  CONSTRAINT hub_conflicts_pkey PRIMARY KEY (package_row, n)
  CREATE UNIQUE INDEX hub_conflicts_pkey ON public.hub_conflicts USING btree (package_row, n)
TABLE hub_districts
  plan_id text NOT NULL
  district_id text NOT NULL
  name text NOT NULL
  CONSTRAINT hub_districts_pkey PRIMARY KEY (plan_id, district_id)
  CREATE UNIQUE INDEX hub_districts_pkey ON public.hub_districts USING btree (plan_id, district_id)
TABLE hub_keys
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY
  public_key text NOT NULL
  fingerprint text NOT NULL
  readable text NOT NULL
  role text NOT NULL
  district text
  holder jsonb NOT NULL
  added_by text NOT NULL
  added_at timestamp with time zone NOT NULL DEFAULT now()
  revoked_at timestamp with time zone
  revoked_by text
  CONSTRAINT hub_keys_district CHECK (((role = 'district'::text) = (district IS NOT NULL)))
  CONSTRAINT hub_keys_district_check CHECK (((char_length(district) >= 1) AND (char_length(district) <= 200)))
  CONSTRAINT hub_keys_fingerprint_check CHECK ((fingerprint ~ '^[0-9a-f]{64}$'::text))
  CONSTRAINT hub_keys_pkey PRIMARY KEY (id)
  CONSTRAINT hub_keys_public_key_check CHECK ((public_key ~ '^04[0-9a-f]{128}$'::text))
  CONSTRAINT hub_keys_readable_check CHECK ((readable ~ '^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$'::text))
  CONSTRAINT hub_keys_revoked CHECK (((revoked_at IS NULL) = (revoked_by IS NULL)))
  CONSTRAINT hub_keys_role_check CHECK ((role = ANY (ARRAY['city'::text, 'district'::text])))
  CREATE UNIQUE INDEX hub_keys_active ON public.hub_keys USING btree (fingerprint) WHERE (revoked_at IS NULL)
  CREATE UNIQUE INDEX hub_keys_pkey ON public.hub_keys USING btree (id)
TABLE hub_plans
  plan_id text NOT NULL
  title text NOT NULL
  doc_number text
  current_version integer NOT NULL
  created_at timestamp with time zone NOT NULL DEFAULT now()
  updated_at timestamp with time zone NOT NULL DEFAULT now()
  CONSTRAINT hub_plans_current_version_check CHECK ((current_version >= 1))
  CONSTRAINT hub_plans_pkey PRIMARY KEY (plan_id)
  CONSTRAINT hub_plans_plan_id_check CHECK (((char_length(plan_id) >= 1) AND (char_length(plan_id) <= 200)))
  CREATE UNIQUE INDEX hub_plans_pkey ON public.hub_plans USING btree (plan_id)
TABLE hub_rows
  plan_id text NOT NULL
  entity text NOT NULL
  row_id text NOT NULL
  data jsonb NOT NULL
  from_version integer NOT NULL
  to_version integer
  value numeric DEFAULT 
CASE
    WHEN ((entity = 'target'::text) AND ((data ->> 'value'::text) ~ '^-?[0-9]+(\.[0-9]+)?$'::text)) THEN ((data ->> 'value'::text))::numeric
    ELSE NULL::numeric
END
  CONSTRAINT hub_rows_check CHECK ((to_version > from_version))
  CONSTRAINT hub_rows_entity_check CHECK (((char_length(entity) >= 1) AND (char_length(entity) <= 50)))
  CONSTRAINT hub_rows_pkey PRIMARY KEY (plan_id, entity, row_id, from_version)
  CONSTRAINT hub_rows_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES hub_plans(plan_id)
  CREATE UNIQUE INDEX hub_rows_current ON public.hub_rows USING btree (plan_id, entity, row_id) WHERE (to_version IS NULL)
  CREATE UNIQUE INDEX hub_rows_pkey ON public.hub_rows USING btree (plan_id, entity, row_id, from_version)
  CREATE INDEX hub_rows_versions ON public.hub_rows USING btree (plan_id, from_version)
TABLE hub_versions
  plan_id text NOT NULL
  version integer NOT NULL
  package_row bigint NOT NULL
  package_id text NOT NULL
  sender text NOT NULL
  author text NOT NULL
  at timestamp with time zone NOT NULL DEFAULT now()
  change_count integer NOT NULL
  label text NOT NULL
  CONSTRAINT hub_versions_change_count_check CHECK ((change_count >= 0))
  CONSTRAINT hub_versions_package_row_fkey FOREIGN KEY (package_row) REFERENCES packages(id)
  CONSTRAINT hub_versions_package_unique UNIQUE (package_row)
  CONSTRAINT hub_versions_pkey PRIMARY KEY (plan_id, version)
  CONSTRAINT hub_versions_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES hub_plans(plan_id)
  CONSTRAINT hub_versions_version_check CHECK ((version >= 1))
  CREATE UNIQUE INDEX hub_versions_package_unique ON public.hub_versions USING btree (package_row)
  CREATE UNIQUE INDEX hub_versions_pkey ON public.hub_versions USING btree (plan_id, version)
TABLE login_addresses
  address text NOT NULL
  failures integer NOT NULL DEFAULT 0
  last_failed_at timestamp with time zone NOT NULL DEFAULT now()
  CONSTRAINT login_addresses_failures_check CHECK ((failures >= 0))
  CONSTRAINT login_addresses_pkey PRIMARY KEY (address)
  CREATE UNIQUE INDEX login_addresses_pkey ON public.login_addresses USING btree (address)
TABLE packages
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY
  package_id text NOT NULL
  plan_id text NOT NULL
  sender text NOT NULL
  sender_role text NOT NULL
  sender_name text NOT NULL
  recipient text NOT NULL
  seq integer NOT NULL
  full_plan boolean NOT NULL
  base_package_id text
  base_seq integer
  envelope jsonb NOT NULL
  bytes bytea NOT NULL
  sha256 bytea NOT NULL
  size integer NOT NULL
  received_at timestamp with time zone NOT NULL DEFAULT now()
  received_by bigint NOT NULL
  CONSTRAINT packages_check CHECK ((size = octet_length(bytes)))
  CONSTRAINT packages_package_id_check CHECK ((package_id ~ '^[0-9a-f-]{36}$'::text))
  CONSTRAINT packages_package_id_unique UNIQUE (package_id)
  CONSTRAINT packages_pkey PRIMARY KEY (id)
  CONSTRAINT packages_plan_id_check CHECK (((char_length(plan_id) >= 1) AND (char_length(plan_id) <= 200)))
  CONSTRAINT packages_received_by_fkey FOREIGN KEY (received_by) REFERENCES accounts(id)
  CONSTRAINT packages_recipient_check CHECK (((char_length(recipient) >= 1) AND (char_length(recipient) <= 200)))
  CONSTRAINT packages_sender_check CHECK (((char_length(sender) >= 1) AND (char_length(sender) <= 200)))
  CONSTRAINT packages_sender_role CHECK (((sender_role = 'city'::text) = (sender = 'city'::text)))
  CONSTRAINT packages_sender_role_check CHECK ((sender_role = ANY (ARRAY['city'::text, 'district'::text])))
  CONSTRAINT packages_seq_check CHECK ((seq >= 1))
  CONSTRAINT packages_sequence_unique UNIQUE (plan_id, sender, recipient, seq)
  CONSTRAINT packages_sha256_check CHECK ((octet_length(sha256) = 32))
  CREATE UNIQUE INDEX packages_package_id_unique ON public.packages USING btree (package_id)
  CREATE UNIQUE INDEX packages_pkey ON public.packages USING btree (id)
  CREATE INDEX packages_recipient ON public.packages USING btree (recipient, plan_id, id)
  CREATE UNIQUE INDEX packages_sequence_unique ON public.packages USING btree (plan_id, sender, recipient, seq)
TABLE schema_migrations
  version integer NOT NULL
  name text NOT NULL
  checksum text NOT NULL
  applied_at timestamp with time zone NOT NULL DEFAULT now()
  CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
  CREATE UNIQUE INDEX schema_migrations_pkey ON public.schema_migrations USING btree (version)
TABLE sessions
  id_hash bytea NOT NULL
  account_id bigint NOT NULL
  csrf_token text NOT NULL
  created_at timestamp with time zone NOT NULL DEFAULT now()
  last_seen_at timestamp with time zone NOT NULL DEFAULT now()
  expires_at timestamp with time zone NOT NULL
  user_agent text
  CONSTRAINT sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
  CONSTRAINT sessions_id_hash_check CHECK ((octet_length(id_hash) = 32))
  CONSTRAINT sessions_pkey PRIMARY KEY (id_hash)
  CREATE INDEX sessions_account ON public.sessions USING btree (account_id)
  CREATE UNIQUE INDEX sessions_pkey ON public.sessions USING btree (id_hash)
CREATE OR REPLACE FUNCTION public.audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$function$
