CREATE TABLE "meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"late_entry" boolean DEFAULT false NOT NULL,
	"late_entry_reason" text,
	"cancelled_reason" text,
	"minutes" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendee" (
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"expected" boolean DEFAULT true NOT NULL,
	"not_expected_reason" text,
	"attendance" text,
	"checked_in_at" timestamp with time zone,
	"method" text,
	"manual_reason" text,
	"marked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "meeting_leave_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_reason" text,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_leave_request" ADD CONSTRAINT "meeting_leave_request_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_leave_request" ADD CONSTRAINT "meeting_leave_request_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_org_starts_idx" ON "meeting" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendee_pk" ON "meeting_attendee" USING btree ("meeting_id","member_id");--> statement-breakpoint
CREATE INDEX "meeting_attendee_member_idx" ON "meeting_attendee" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_leave_request_one" ON "meeting_leave_request" USING btree ("meeting_id","member_id");