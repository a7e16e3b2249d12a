-- Subtree collection totals (dues_org_month.subtree_*): every org's row adds up its own bills and all its
-- descendants', so a subtree's 收缴率 and each child's read one row (docs/dues-ledger.md).
INSERT INTO dues_org_month (org_id, month, subtree_bills, subtree_settled_bills, subtree_amount_fen, subtree_paid_fen)
SELECT a.id, t.month, sum(t.bills), sum(t.settled_bills), sum(t.amount_fen), sum(t.paid_fen)
FROM dues_org_month t JOIN org o ON o.id = t.org_id JOIN org a ON starts_with(o.path, a.path)
GROUP BY a.id, t.month
ON CONFLICT (org_id, month) DO UPDATE SET subtree_bills = EXCLUDED.subtree_bills, subtree_settled_bills = EXCLUDED.subtree_settled_bills,
  subtree_amount_fen = EXCLUDED.subtree_amount_fen, subtree_paid_fen = EXCLUDED.subtree_paid_fen;
--> statement-breakpoint
-- A subtree move (org.moveOrg re-roots it in one UPDATE) carries the moved subtree's totals from its old
-- ancestors to its new ones. AFTER ROW triggers run when the statement is done; the ancestors lie outside the
-- moved subtree, so their paths are settled. Only the moved root's parent changes, so this fires once per move.
CREATE OR REPLACE FUNCTION dues_subtree_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dues_org_month t SET subtree_bills = t.subtree_bills - m.subtree_bills, subtree_settled_bills = t.subtree_settled_bills - m.subtree_settled_bills,
      subtree_amount_fen = t.subtree_amount_fen - m.subtree_amount_fen, subtree_paid_fen = t.subtree_paid_fen - m.subtree_paid_fen
    FROM dues_org_month m, org a
    WHERE m.org_id = NEW.id AND a.id = t.org_id AND t.month = m.month AND starts_with(OLD.path, a.path) AND a.path <> OLD.path;
  INSERT INTO dues_org_month (org_id, month, subtree_bills, subtree_settled_bills, subtree_amount_fen, subtree_paid_fen)
    SELECT a.id, m.month, m.subtree_bills, m.subtree_settled_bills, m.subtree_amount_fen, m.subtree_paid_fen
    FROM dues_org_month m JOIN org a ON starts_with(NEW.path, a.path) AND a.path <> NEW.path
    WHERE m.org_id = NEW.id
    ORDER BY a.id, m.month
    ON CONFLICT (org_id, month) DO UPDATE SET subtree_bills = dues_org_month.subtree_bills + EXCLUDED.subtree_bills,
      subtree_settled_bills = dues_org_month.subtree_settled_bills + EXCLUDED.subtree_settled_bills,
      subtree_amount_fen = dues_org_month.subtree_amount_fen + EXCLUDED.subtree_amount_fen, subtree_paid_fen = dues_org_month.subtree_paid_fen + EXCLUDED.subtree_paid_fen;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER org_move_dues_subtree AFTER UPDATE OF parent_id ON org FOR EACH ROW
  WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION dues_subtree_move();
