-- 党费 ledger rows are append-only: a correction is a reversing entry, never an edit or a delete
-- (security-requirements.md §6.3). Base declarations keep their history the same way.
CREATE OR REPLACE FUNCTION dues_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dues_payment_append_only BEFORE UPDATE OR DELETE ON dues_payment FOR EACH ROW EXECUTE FUNCTION dues_append_only();
--> statement-breakpoint
CREATE TRIGGER dues_allocation_append_only BEFORE UPDATE OR DELETE ON dues_allocation FOR EACH ROW EXECUTE FUNCTION dues_append_only();
--> statement-breakpoint
CREATE TRIGGER dues_base_append_only BEFORE UPDATE OR DELETE ON dues_base FOR EACH ROW EXECUTE FUNCTION dues_append_only();
--> statement-breakpoint
CREATE TRIGGER dues_payment_no_truncate BEFORE TRUNCATE ON dues_payment FOR EACH STATEMENT EXECUTE FUNCTION dues_append_only();
--> statement-breakpoint
CREATE TRIGGER dues_allocation_no_truncate BEFORE TRUNCATE ON dues_allocation FOR EACH STATEMENT EXECUTE FUNCTION dues_append_only();
