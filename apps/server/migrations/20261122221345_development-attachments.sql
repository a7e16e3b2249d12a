CREATE TABLE "development_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sm3" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_account_id" uuid,
	"uploaded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "development_attachment" ADD CONSTRAINT "development_attachment_case_id_development_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_attachment_case_idx" ON "development_attachment" USING btree ("case_id");