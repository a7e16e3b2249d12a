ALTER TABLE "dues_org_month" ADD COLUMN "subtree_bills" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dues_org_month" ADD COLUMN "subtree_settled_bills" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dues_org_month" ADD COLUMN "subtree_amount_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dues_org_month" ADD COLUMN "subtree_paid_fen" bigint DEFAULT 0 NOT NULL;