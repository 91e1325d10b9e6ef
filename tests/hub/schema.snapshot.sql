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
TABLE login_addresses
  address text NOT NULL
  failures integer NOT NULL DEFAULT 0
  last_failed_at timestamp with time zone NOT NULL DEFAULT now()
  CONSTRAINT login_addresses_failures_check CHECK ((failures >= 0))
  CONSTRAINT login_addresses_pkey PRIMARY KEY (address)
  CREATE UNIQUE INDEX login_addresses_pkey ON public.login_addresses USING btree (address)
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
