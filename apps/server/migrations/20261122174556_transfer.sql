CREATE SEQUENCE "public"."transfer_letter_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "transfer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid,
	"external_org" jsonb,
	"reason" text NOT NULL,
	"remarks" text,
	"paid_until" text,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"letter_requested" boolean DEFAULT false NOT NULL,
	"initiated_by_account_id" uuid,
	"initiated_by_name" text,
	"initiated_by_self" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfer_letter" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"letter_no" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"receipt_due_on" date NOT NULL,
	"issued_by_org_id" uuid NOT NULL,
	"received_on" date,
	"receiving_org_name" text,
	"receipt_note" text,
	"receipt_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfer_letter_letter_no_unique" UNIQUE("letter_no")
);
--> statement-breakpoint
CREATE TABLE "transfer_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transfer_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"seq" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone,
	"actor_account_id" uuid,
	"actor_name" text,
	"acting_for_org_id" uuid,
	"comment" text,
	"acted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "transfer" ADD CONSTRAINT "transfer_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer" ADD CONSTRAINT "transfer_from_org_id_org_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer" ADD CONSTRAINT "transfer_to_org_id_org_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_letter" ADD CONSTRAINT "transfer_letter_transfer_id_transfer_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."transfer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_letter" ADD CONSTRAINT "transfer_letter_issued_by_org_id_org_id_fk" FOREIGN KEY ("issued_by_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_step" ADD CONSTRAINT "transfer_step_transfer_id_transfer_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."transfer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_step" ADD CONSTRAINT "transfer_step_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transfer_member_idx" ON "transfer" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "transfer_from_org_idx" ON "transfer" USING btree ("from_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "transfer_one_open_per_member" ON "transfer" USING btree ("member_id") WHERE status IN ('pending', 'returned', 'awaiting_receipt');--> statement-breakpoint
CREATE UNIQUE INDEX "transfer_step_round_seq" ON "transfer_step" USING btree ("transfer_id","round","seq");--> statement-breakpoint
CREATE INDEX "transfer_step_pending_idx" ON "transfer_step" USING btree ("status","org_id");