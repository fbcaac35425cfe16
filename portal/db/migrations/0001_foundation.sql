-- Foundation: tenants, teams, users, web sessions, the audit chain, and the row-level security
-- helpers every later tenant-owned table uses. Runs as rmc_owner with search_path = portal.

-- Who is asking, as set per transaction by the application with set_config(..., true).
-- Unset (or reset to '' when the transaction ends) reads as NULL, so policies fail closed.
CREATE FUNCTION current_tenant() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('rmc.tenant_id', true), '') $$;

CREATE FUNCTION current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('rmc.user_id', true), '')::uuid $$;

CREATE FUNCTION current_is_boa() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(current_setting('rmc.boa', true), '')::boolean, false) $$;

CREATE FUNCTION current_roles() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(string_to_array(nullif(current_setting('rmc.roles', true), ''), ','),
                          '{}'::text[]) $$;

-- Every tenant-owned table calls this once: RLS enabled and forced, one policy that keys reads
-- (USING) and writes (WITH CHECK) on the transaction's tenant.
CREATE FUNCTION enable_tenant_rls(tbl regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (tenant_id = portal.current_tenant()) '
        'WITH CHECK (tenant_id = portal.current_tenant())', tbl);
END
$$;

-- The six gemeenten of the RMC-regio Agglomeratie Amsterdam: reference data, keyed by CBS code.
CREATE TABLE tenants (
    id              text PRIMARY KEY CHECK (id ~ '^[0-9]{4}$'),
    naam            text NOT NULL UNIQUE,
    contactgemeente boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX tenants_one_contactgemeente ON tenants (contactgemeente) WHERE contactgemeente;
INSERT INTO tenants (id, naam, contactgemeente) VALUES
    ('0362', 'Amstelveen', false),
    ('0363', 'Amsterdam', true),
    ('0384', 'Diemen', false),
    ('0394', 'Haarlemmermeer', false),
    ('0439', 'Purmerend', false),
    ('0479', 'Zaanstad', false);
GRANT SELECT ON tenants TO rmc_app;

CREATE TABLE teams (
    tenant_id text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id        uuid NOT NULL DEFAULT gen_random_uuid(),
    naam      text NOT NULL CHECK (length(naam) BETWEEN 1 AND 100),
    soort     text NOT NULL DEFAULT 'gebied'
              CHECK (soort IN ('gebied', 'handhaving', 'consulenten', 'regio')),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, naam)
);
-- Amsterdam works by stadsdeel plus Handhaving and the leerplichtconsulenten (2016, 3.1); the
-- regiogemeenten start with one team and configure their own.
INSERT INTO teams (tenant_id, naam, soort)
SELECT '0363', naam, soort FROM (VALUES
    ('Noord', 'gebied'), ('Oost', 'gebied'), ('Centrum', 'gebied'), ('West', 'gebied'),
    ('Nieuw-West', 'gebied'), ('Zuid', 'gebied'), ('Zuidoost', 'gebied'), ('Weesp', 'gebied'),
    ('Handhaving', 'handhaving'), ('Leerplichtconsulenten', 'consulenten')) AS t (naam, soort);
INSERT INTO teams (tenant_id, naam, soort)
SELECT id, 'Leerplicht en RMC', 'regio' FROM tenants WHERE NOT contactgemeente;
SELECT enable_tenant_rls('teams');
GRANT SELECT, INSERT, UPDATE, DELETE ON teams TO rmc_app;

CREATE TABLE users (
    tenant_id     text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id            uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    email         text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    naam          text NOT NULL DEFAULT '',
    roles         text[] NOT NULL CHECK (
                      cardinality(roles) > 0 AND roles <@ ARRAY[
                          'leerplichtambtenaar', 'leerplichtassistent', 'administratief_medewerker',
                          'teammanager', 'rmc_coordinator', 'functioneel_beheerder', 'school',
                          'regiogemeente', 'jongerenpunt', 'privacy_officer', 'partner_halt',
                          'partner_svb', 'partner_veilig_thuis']::text[]),
    team_id       uuid,
    brin          text CHECK (brin ~ '^[0-9]{2}[A-Z0-9]{2}$'),
    vestiging     text CHECK (vestiging ~ '^[0-9]{2}$'),
    boa           boolean NOT NULL DEFAULT false,
    oidc_issuer   text,
    oidc_subject  text,
    actief        boolean NOT NULL DEFAULT true,
    demo          boolean NOT NULL DEFAULT false,
    aangemaakt_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
    UNIQUE (oidc_issuer, oidc_subject),
    CHECK (NOT ('school' = ANY (roles)) OR brin IS NOT NULL),
    CHECK (NOT boa OR roles && ARRAY['leerplichtambtenaar', 'teammanager']::text[])
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
SELECT enable_tenant_rls('users');
GRANT SELECT ON users TO rmc_app;
-- Column grants: the application never sets `demo` nor the OIDC link (auth_link_subject does).
GRANT INSERT (tenant_id, id, email, naam, roles, team_id, brin, vestiging, boa, actief),
      UPDATE (email, naam, roles, team_id, brin, vestiging, boa, actief) ON users TO rmc_app;
-- Authentication resolves a user before any tenant is known: only these definer functions, run as
-- rmc_owner, may read users across tenants, and only one user at a time by an exact key.
CREATE POLICY auth_lookup ON users FOR SELECT TO rmc_owner USING (true);
CREATE POLICY auth_link ON users FOR UPDATE TO rmc_owner USING (true) WITH CHECK (true);

CREATE TYPE auth_user AS (
    tenant_id text, id uuid, email text, naam text, roles text[], team_id uuid,
    brin text, vestiging text, boa boolean);

CREATE FUNCTION auth_user_by_id(p_id uuid) RETURNS SETOF auth_user
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ SELECT tenant_id, id, email, naam, roles, team_id, brin, vestiging, boa
          FROM users WHERE id = p_id AND actief $$;

CREATE FUNCTION auth_user_by_subject(p_issuer text, p_subject text) RETURNS SETOF auth_user
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ SELECT tenant_id, id, email, naam, roles, team_id, brin, vestiging, boa
          FROM users WHERE oidc_issuer = p_issuer AND oidc_subject = p_subject AND actief $$;

-- First OIDC login of a user added by e-mail: link the provider's subject to that user, once.
CREATE FUNCTION auth_link_subject(p_issuer text, p_subject text, p_email text) RETURNS SETOF auth_user
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ UPDATE users SET oidc_issuer = p_issuer, oidc_subject = p_subject
          WHERE lower(email) = lower(p_email) AND oidc_subject IS NULL AND actief
          RETURNING tenant_id, id, email, naam, roles, team_id, brin, vestiging, boa $$;

-- The demo's login page lists the users `rmc-portal demo` created; no other command sets `demo`.
CREATE FUNCTION demo_users()
    RETURNS TABLE (id uuid, naam text, email text, gemeente text, roles text[], boa boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ SELECT u.id, u.naam, u.email, t.naam, u.roles, u.boa
          FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE u.demo AND u.actief ORDER BY t.naam, u.naam $$;
REVOKE ALL ON FUNCTION demo_users() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION demo_users() TO rmc_app;

REVOKE ALL ON FUNCTION auth_user_by_id(uuid), auth_user_by_subject(text, text),
    auth_link_subject(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_user_by_id(uuid), auth_user_by_subject(text, text),
    auth_link_subject(text, text, text) TO rmc_app;

-- Server-side page sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE web_sessions (
    id_hash      bytea PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON web_sessions TO rmc_app;

-- One row per OIDC login in flight: state, nonce and PKCE verifier, used once.
CREATE TABLE oidc_login_states (
    state_hash    bytea PRIMARY KEY,
    nonce         text NOT NULL,
    code_verifier text NOT NULL,
    return_to     text NOT NULL DEFAULT '/',
    created_at    timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, DELETE ON oidc_login_states TO rmc_app;

-- Audit: append-only for rmc_app (INSERT only) and hash-chained per tenant, so that an update, a
-- deletion or a reordering by anyone with more rights shows in audit_verify().
CREATE TABLE audit_events (
    tenant_id     text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    seq           bigint NOT NULL,
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor_user_id uuid,
    actor_roles   text[] NOT NULL DEFAULT '{}',
    action        text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'login', 'logout')),
    object_type   text NOT NULL,
    object_id     text,
    jongere_id    uuid,
    purpose       text NOT NULL,
    request_id    text,
    detail        jsonb NOT NULL DEFAULT '{}',
    prev_hash     bytea NOT NULL,
    hash          bytea NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_events_jongere ON audit_events (tenant_id, jongere_id, occurred_at)
    WHERE jongere_id IS NOT NULL;

CREATE TABLE audit_chain_heads (
    tenant_id text PRIMARY KEY REFERENCES tenants (id),
    last_seq  bigint NOT NULL,
    last_hash bytea NOT NULL
);

CREATE FUNCTION audit_genesis(p_tenant text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT sha256(convert_to('rmc-audit-genesis:' || p_tenant, 'UTF8')) $$;

-- The canonical content of an event. Fields are joined with the unit separator, NULL spelled as
-- U+2205, the time as integer microseconds so that the TimeZone setting cannot change the hash.
CREATE FUNCTION audit_row_hash(e audit_events) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT sha256(convert_to(concat_ws(chr(31),
              encode(e.prev_hash, 'hex'), e.tenant_id, e.seq::text, e.id::text,
              (extract(epoch FROM e.occurred_at) * 1000000)::bigint::text,
              coalesce(e.actor_user_id::text, '∅'), array_to_string(e.actor_roles, ','),
              e.action, e.object_type, coalesce(e.object_id, '∅'),
              coalesce(e.jongere_id::text, '∅'), e.purpose, coalesce(e.request_id, '∅'),
              e.detail::text), 'UTF8')) $$;

-- Runs as rmc_owner (definer) so that rmc_app never touches the chain head. The row lock on the
-- head serialises appends per tenant until commit; keep audit writes late in a transaction.
CREATE FUNCTION audit_chain_append() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
DECLARE
    head audit_chain_heads;
BEGIN
    SELECT * INTO head FROM audit_chain_heads WHERE tenant_id = NEW.tenant_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no audit chain for tenant %', NEW.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.seq := head.last_seq + 1;
    NEW.id := gen_random_uuid();
    NEW.occurred_at := now();
    NEW.actor_user_id := current_user_id();
    NEW.actor_roles := current_roles();
    NEW.prev_hash := head.last_hash;
    NEW.hash := audit_row_hash(NEW);
    UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash
    WHERE tenant_id = NEW.tenant_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_chain BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_chain_append();

INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash)
SELECT id, 0, audit_genesis(id) FROM tenants;

SELECT enable_tenant_rls('audit_events');
SELECT enable_tenant_rls('audit_chain_heads');
GRANT INSERT ON audit_events TO rmc_app;

-- Checks one tenant's chain: every hash recomputes, every link points at its predecessor, the
-- sequence has no gap, and the head matches the last row (a deleted tail shows).
CREATE FUNCTION audit_verify(p_tenant text)
    RETURNS TABLE (checked bigint, broken_seq bigint, reason text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
WITH chain AS (
    SELECT e.seq, e.hash, e.prev_hash, audit_row_hash(e) AS recomputed,
           coalesce(lag(e.hash) OVER w, audit_genesis(p_tenant)) AS expected_prev,
           coalesce(lag(e.seq) OVER w, 0) AS prev_seq
    FROM audit_events e WHERE e.tenant_id = p_tenant
    WINDOW w AS (ORDER BY e.seq)
), problems AS (
    SELECT seq, CASE
        WHEN seq <> prev_seq + 1 THEN 'gap in sequence'
        WHEN prev_hash <> expected_prev THEN 'link to previous event broken'
        WHEN hash <> recomputed THEN 'content does not match its hash'
    END AS reason
    FROM chain
), tail AS (
    SELECT h.last_seq, h.last_hash,
           (SELECT max(seq) FROM audit_events WHERE tenant_id = p_tenant) AS max_seq,
           (SELECT hash FROM audit_events WHERE tenant_id = p_tenant ORDER BY seq DESC LIMIT 1) AS max_hash
    FROM audit_chain_heads h WHERE h.tenant_id = p_tenant
)
SELECT (SELECT count(*) FROM chain),
       coalesce((SELECT min(seq) FROM problems WHERE reason IS NOT NULL),
                (SELECT coalesce(max_seq, 0) FROM tail
                 WHERE last_seq <> coalesce(max_seq, 0) OR last_hash IS DISTINCT FROM coalesce(max_hash, audit_genesis(p_tenant)))),
       coalesce((SELECT reason FROM problems WHERE reason IS NOT NULL ORDER BY seq LIMIT 1),
                (SELECT 'chain head does not match the last event' FROM tail
                 WHERE last_seq <> coalesce(max_seq, 0) OR last_hash IS DISTINCT FROM coalesce(max_hash, audit_genesis(p_tenant))))
$$;
REVOKE ALL ON FUNCTION audit_verify(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_verify(text) TO rmc_app;
