-- Audit events are append-only (ARCHITECTURE §7, 等保三级 审计记录保护): no DELETE, no TRUNCATE, and the
-- only UPDATE allowed is the sealer setting seal_no and hash on a row that has none yet.
CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seal_no IS NULL AND NEW.seal_no IS NOT NULL AND NEW.hash IS NOT NULL
       AND (to_jsonb(NEW) - 'seal_no' - 'hash') = (to_jsonb(OLD) - 'seal_no' - 'hash') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();
--> statement-breakpoint
CREATE INDEX audit_event_unsealed_idx ON audit_event (seq) WHERE seal_no IS NULL;
--> statement-breakpoint
-- Enumerations are checked in the database too, so no path can store an unknown value.
ALTER TABLE org ADD CONSTRAINT org_kind_chk CHECK (kind IN ('local_committee','committee','working_committee','general_branch','branch','joint_branch','temporary_branch','group'));
--> statement-breakpoint
ALTER TABLE org ADD CONSTRAINT org_domain_chk CHECK (domain IN ('community','village','government','institution','soe','private_enterprise','social_org','school','other'));
--> statement-breakpoint
ALTER TABLE member ADD CONSTRAINT member_status_chk CHECK (status IN ('full','probationary'));
--> statement-breakpoint
ALTER TABLE member ADD CONSTRAINT member_state_chk CHECK (state IN ('active','suspended','left'));
--> statement-breakpoint
ALTER TABLE member ADD CONSTRAINT member_category_chk CHECK (category IN ('resident','in_service','mobile','retired'));
--> statement-breakpoint
ALTER TABLE member ADD CONSTRAINT member_gender_chk CHECK (gender IN ('male','female'));
