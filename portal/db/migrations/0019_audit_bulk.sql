-- Appending many audit events in one transaction (a list of 16,000 VSV'ers, a page of 50) updated
-- the tenant's chain head once per row; repeated updates of one row inside a transaction make each
-- next one slower (the versions pile up until commit), so a list read grew quadratically.
-- Now the head is locked and read once per transaction, the running head is kept in a
-- transaction-local setting, and the head row is written once, at commit, by a deferred trigger
-- on the last event. Tamper evidence is unchanged: every event still carries its predecessor's
-- hash and its sequence number, and `audit_verify` still finds any gap or broken link (a forged
-- setting can only produce one).

CREATE OR REPLACE FUNCTION audit_chain_append() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
DECLARE
    head audit_chain_heads;
    cached text := nullif(current_setting('rmc.audit_head_' || NEW.tenant_id, true), '');
    last_seq bigint;
    last_hash bytea;
BEGIN
    IF cached IS NULL THEN
        SELECT * INTO head FROM audit_chain_heads WHERE tenant_id = NEW.tenant_id FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no audit chain for tenant %', NEW.tenant_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        last_seq := head.last_seq;
        last_hash := head.last_hash;
    ELSE
        last_seq := split_part(cached, ':', 1)::bigint;
        last_hash := decode(split_part(cached, ':', 2), 'hex');
    END IF;
    NEW.seq := last_seq + 1;
    NEW.id := gen_random_uuid();
    NEW.occurred_at := now();
    NEW.actor_user_id := current_user_id();
    NEW.actor_roles := current_roles();
    NEW.prev_hash := last_hash;
    NEW.hash := audit_row_hash(NEW);
    PERFORM set_config('rmc.audit_head_' || NEW.tenant_id,
                       NEW.seq::text || ':' || encode(NEW.hash, 'hex'), true);
    RETURN NEW;
END
$$;

-- At commit: the event that is still the transaction's head moves the chain head (once).
CREATE FUNCTION audit_chain_head_commit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
BEGIN
    IF current_setting('rmc.audit_head_' || NEW.tenant_id, true)
       = NEW.seq::text || ':' || encode(NEW.hash, 'hex') THEN
        UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash
        WHERE tenant_id = NEW.tenant_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER audit_chain_head AFTER INSERT ON audit_events
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_commit();
