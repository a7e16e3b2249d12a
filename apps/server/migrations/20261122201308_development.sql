CREATE TABLE "development_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text DEFAULT '01' NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_idx" text NOT NULL,
	"phone_enc" text,
	"phone_idx" text,
	"education" text,
	"occupation" text,
	"work_unit" text,
	"category" text DEFAULT 'resident' NOT NULL,
	"applied_on" date NOT NULL,
	"stage" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"stopped_reason" text,
	"activist_on" date,
	"candidate_on" date,
	"accepted_on" date,
	"approved_on" date,
	"probation_ends_on" date,
	"full_member_on" date,
	"member_id" uuid,
	"applicant_account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_case_person" (
	"case_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"role" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	CONSTRAINT "development_case_person_case_id_member_id_role_pk" PRIMARY KEY("case_id","member_id","role")
);
--> statement-breakpoint
CREATE TABLE "development_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_member_id" uuid,
	"author_name" text NOT NULL,
	"written_on" date NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_plan" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"planned" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "development_plan_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "development_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"step_no" integer NOT NULL,
	"seq" integer DEFAULT 1 NOT NULL,
	"done_on" date NOT NULL,
	"org_id" uuid,
	"responsible" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"override_reason" text,
	"overridden" jsonb,
	"actor_account_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "development_case" ADD CONSTRAINT "development_case_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_case" ADD CONSTRAINT "development_case_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_case_person" ADD CONSTRAINT "development_case_person_case_id_development_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_case_person" ADD CONSTRAINT "development_case_person_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_note" ADD CONSTRAINT "development_note_case_id_development_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_note" ADD CONSTRAINT "development_note_author_member_id_member_id_fk" FOREIGN KEY ("author_member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_plan" ADD CONSTRAINT "development_plan_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_step" ADD CONSTRAINT "development_step_case_id_development_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_step" ADD CONSTRAINT "development_step_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_case_org_idx" ON "development_case" USING btree ("org_id","status","stage");--> statement-breakpoint
CREATE INDEX "development_case_id_number_idx" ON "development_case" USING btree ("id_number_idx");--> statement-breakpoint
CREATE UNIQUE INDEX "development_case_one_open" ON "development_case" USING btree ("id_number_idx") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "development_case_person_member_idx" ON "development_case_person" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "development_note_case_idx" ON "development_note" USING btree ("case_id","written_on");--> statement-breakpoint
CREATE UNIQUE INDEX "development_step_case_key_seq" ON "development_step" USING btree ("case_id","step_key","seq");--> statement-breakpoint
CREATE INDEX "development_step_override_idx" ON "development_step" USING btree ("case_id") WHERE override_reason IS NOT NULL;