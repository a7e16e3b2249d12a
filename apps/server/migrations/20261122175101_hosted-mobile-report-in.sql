CREATE SEQUENCE "public"."mobile_certificate_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."report_in_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "hosted_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_org_id" uuid NOT NULL,
	"member_id" uuid,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"name" text NOT NULL,
	"home_org_name" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mobile_inflow" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_org_id" uuid NOT NULL,
	"member_id" uuid,
	"outflow_id" uuid,
	"name" text NOT NULL,
	"id_number_enc" text,
	"id_number_idx" text,
	"phone_enc" text,
	"home_org_name" text NOT NULL,
	"home_org_contact" text,
	"certificate_no" text,
	"arrived_on" date NOT NULL,
	"expected_leave_on" date,
	"status" text NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_alert_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mobile_outflow" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"destination" text NOT NULL,
	"inflow_org_name" text,
	"inflow_org_id" uuid,
	"reason" text NOT NULL,
	"contact_phone_enc" text,
	"contact_note" text,
	"left_on" date NOT NULL,
	"expected_return_on" date,
	"fixed_place" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"ended_on" date,
	"last_contact_on" date,
	"lost_contact_since" date,
	"certificate_no" text,
	"created_by_account_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mobile_outflow_certificate_no_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
CREATE TABLE "mobile_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"outflow_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reported_on" date NOT NULL,
	"content" text NOT NULL,
	"recorded_by_account_id" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_claim" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_in_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_evaluation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_in_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"rater" text NOT NULL,
	"grade" text NOT NULL,
	"comment" text,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_in" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"member_id" uuid,
	"name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_idx" text NOT NULL,
	"phone_enc" text,
	"community_org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"certificate_no" text NOT NULL,
	"registered_on" date NOT NULL,
	"confirmed_on" date,
	"decline_reason" text,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_in_certificate_no_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
CREATE TABLE "report_post" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"capacity" integer,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_in_id" uuid NOT NULL,
	"post_id" uuid,
	"served_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"content" text NOT NULL,
	"status" text NOT NULL,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_unit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_unit_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "report_unit_admin" (
	"account_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "report_unit_admin_account_id_unit_id_pk" PRIMARY KEY("account_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "hosted_member" ADD CONSTRAINT "hosted_member_host_org_id_org_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosted_member" ADD CONSTRAINT "hosted_member_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_inflow" ADD CONSTRAINT "mobile_inflow_host_org_id_org_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_inflow" ADD CONSTRAINT "mobile_inflow_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_inflow" ADD CONSTRAINT "mobile_inflow_outflow_id_mobile_outflow_id_fk" FOREIGN KEY ("outflow_id") REFERENCES "public"."mobile_outflow"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_outflow" ADD CONSTRAINT "mobile_outflow_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_outflow" ADD CONSTRAINT "mobile_outflow_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_outflow" ADD CONSTRAINT "mobile_outflow_inflow_org_id_org_id_fk" FOREIGN KEY ("inflow_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_report" ADD CONSTRAINT "mobile_report_outflow_id_mobile_outflow_id_fk" FOREIGN KEY ("outflow_id") REFERENCES "public"."mobile_outflow"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_claim" ADD CONSTRAINT "report_claim_report_in_id_report_in_id_fk" FOREIGN KEY ("report_in_id") REFERENCES "public"."report_in"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_claim" ADD CONSTRAINT "report_claim_post_id_report_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."report_post"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evaluation" ADD CONSTRAINT "report_evaluation_report_in_id_report_in_id_fk" FOREIGN KEY ("report_in_id") REFERENCES "public"."report_in"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_in" ADD CONSTRAINT "report_in_unit_id_report_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."report_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_in" ADD CONSTRAINT "report_in_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_in" ADD CONSTRAINT "report_in_community_org_id_org_id_fk" FOREIGN KEY ("community_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_post" ADD CONSTRAINT "report_post_community_org_id_org_id_fk" FOREIGN KEY ("community_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_service" ADD CONSTRAINT "report_service_report_in_id_report_in_id_fk" FOREIGN KEY ("report_in_id") REFERENCES "public"."report_in"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_service" ADD CONSTRAINT "report_service_post_id_report_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."report_post"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_unit" ADD CONSTRAINT "report_unit_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_unit_admin" ADD CONSTRAINT "report_unit_admin_unit_id_report_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."report_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hosted_member_host_idx" ON "hosted_member" USING btree ("host_org_id","kind");--> statement-breakpoint
CREATE INDEX "hosted_member_member_idx" ON "hosted_member" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "hosted_member_source_idx" ON "hosted_member" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "mobile_inflow_host_idx" ON "mobile_inflow" USING btree ("host_org_id","status");--> statement-breakpoint
CREATE INDEX "mobile_inflow_id_idx" ON "mobile_inflow" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "mobile_outflow_org_idx" ON "mobile_outflow" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "mobile_outflow_member_idx" ON "mobile_outflow" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "mobile_report_outflow_idx" ON "mobile_report" USING btree ("outflow_id","reported_on");--> statement-breakpoint
CREATE INDEX "report_claim_post_idx" ON "report_claim" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "report_claim_report_idx" ON "report_claim" USING btree ("report_in_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_evaluation_one" ON "report_evaluation" USING btree ("report_in_id","year","rater");--> statement-breakpoint
CREATE INDEX "report_in_unit_idx" ON "report_in" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "report_in_community_idx" ON "report_in" USING btree ("community_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "report_in_one_open" ON "report_in" USING btree ("id_number_idx","community_org_id") WHERE status IN ('registered', 'confirmed');--> statement-breakpoint
CREATE INDEX "report_post_community_idx" ON "report_post" USING btree ("community_org_id");--> statement-breakpoint
CREATE INDEX "report_service_report_idx" ON "report_service" USING btree ("report_in_id","served_on");