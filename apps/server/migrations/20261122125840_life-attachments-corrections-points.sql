CREATE TABLE "meeting_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sm3" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_correction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"content" text NOT NULL,
	"by_name" text NOT NULL,
	"by_account" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting" ADD COLUMN "type_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_attachment" ADD CONSTRAINT "meeting_attachment_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_correction" ADD CONSTRAINT "meeting_correction_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_event" ADD CONSTRAINT "points_event_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_event" ADD CONSTRAINT "points_event_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_attachment_meeting_idx" ON "meeting_attachment" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_correction_meeting_idx" ON "meeting_correction" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_event_source_uq" ON "points_event" USING btree ("member_id","source_type","source_id","kind");--> statement-breakpoint
CREATE INDEX "points_event_member_idx" ON "points_event" USING btree ("member_id","occurred_on");--> statement-breakpoint
CREATE INDEX "points_event_org_idx" ON "points_event" USING btree ("org_id","occurred_on");