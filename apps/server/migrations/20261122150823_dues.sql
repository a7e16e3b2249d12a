CREATE SEQUENCE "public"."dues_receipt_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "dues_account" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"credit_fen" integer DEFAULT 0 NOT NULL,
	"opening_paid_until" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_account_credit_nonneg" CHECK ("dues_account"."credit_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dues_allocation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_allocation_nonzero" CHECK ("dues_allocation"."amount_fen" <> 0)
);
--> statement-breakpoint
CREATE TABLE "dues_arrears_reason" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_by_account_id" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_base" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"dues_category" text NOT NULL,
	"base_enc" text,
	"rate_bp" integer,
	"standard_fen" integer NOT NULL,
	"effective_month" text NOT NULL,
	"declared_by_account_id" uuid,
	"declared_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_base_standard_nonneg" CHECK ("dues_base"."standard_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dues_bill" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"month" text NOT NULL,
	"dues_category" text NOT NULL,
	"rate_bp" integer,
	"standard_fen" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"capped" boolean DEFAULT false NOT NULL,
	"reduction_id" uuid,
	"from_acceptance" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_bill_amounts" CHECK ("dues_bill"."amount_fen" >= 0 AND "dues_bill"."paid_fen" >= 0 AND "dues_bill"."paid_fen" <= "dues_bill"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "dues_org_month" (
	"org_id" uuid NOT NULL,
	"month" text NOT NULL,
	"bills" integer DEFAULT 0 NOT NULL,
	"settled_bills" integer DEFAULT 0 NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "dues_org_month_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
CREATE TABLE "dues_payment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_no" text NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid NOT NULL,
	"payer_member_id" uuid,
	"org_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"method" text NOT NULL,
	"paid_on" date NOT NULL,
	"reverses_payment_id" uuid,
	"reason" text,
	"provider" text,
	"provider_ref" text,
	"money_moved" boolean DEFAULT true NOT NULL,
	"credit_after_fen" integer NOT NULL,
	"recorded_by_account_id" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_payment_receipt_no_unique" UNIQUE("receipt_no"),
	CONSTRAINT "dues_payment_reverses_payment_id_unique" UNIQUE("reverses_payment_id"),
	CONSTRAINT "dues_payment_sign" CHECK (("dues_payment"."kind" = 'payment' AND "dues_payment"."amount_fen" > 0 AND "dues_payment"."reverses_payment_id" IS NULL) OR ("dues_payment"."kind" = 'reversal' AND "dues_payment"."amount_fen" < 0 AND "dues_payment"."reverses_payment_id" IS NOT NULL AND "dues_payment"."reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "dues_reduction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"monthly_fen" integer NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_account_id" uuid,
	"requested_by_name" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_account_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"bills_repriced" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_key" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_key_account_id_key_pk" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
ALTER TABLE "dues_account" ADD CONSTRAINT "dues_account_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_allocation" ADD CONSTRAINT "dues_allocation_payment_id_dues_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."dues_payment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_allocation" ADD CONSTRAINT "dues_allocation_bill_id_dues_bill_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."dues_bill"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_arrears_reason" ADD CONSTRAINT "dues_arrears_reason_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_base" ADD CONSTRAINT "dues_base_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_base" ADD CONSTRAINT "dues_base_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_bill" ADD CONSTRAINT "dues_bill_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_bill" ADD CONSTRAINT "dues_bill_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_org_month" ADD CONSTRAINT "dues_org_month_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payment" ADD CONSTRAINT "dues_payment_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payment" ADD CONSTRAINT "dues_payment_payer_member_id_member_id_fk" FOREIGN KEY ("payer_member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payment" ADD CONSTRAINT "dues_payment_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_reduction" ADD CONSTRAINT "dues_reduction_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_reduction" ADD CONSTRAINT "dues_reduction_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dues_allocation_payment_idx" ON "dues_allocation" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "dues_allocation_bill_idx" ON "dues_allocation" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "dues_arrears_reason_member_idx" ON "dues_arrears_reason" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "dues_base_member_idx" ON "dues_base" USING btree ("member_id","effective_month");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_bill_member_month_uq" ON "dues_bill" USING btree ("member_id","month");--> statement-breakpoint
CREATE INDEX "dues_bill_org_month_idx" ON "dues_bill" USING btree ("org_id","month");--> statement-breakpoint
CREATE INDEX "dues_org_month_month_idx" ON "dues_org_month" USING btree ("month","org_id");--> statement-breakpoint
CREATE INDEX "dues_payment_member_idx" ON "dues_payment" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "dues_payment_org_paid_idx" ON "dues_payment" USING btree ("org_id","paid_on");--> statement-breakpoint
CREATE INDEX "dues_reduction_member_idx" ON "dues_reduction" USING btree ("member_id","from_month");--> statement-breakpoint
CREATE INDEX "dues_reduction_org_idx" ON "dues_reduction" USING btree ("org_id","status");