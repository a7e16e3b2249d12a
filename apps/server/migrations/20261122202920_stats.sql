CREATE TABLE "stats_member_move" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stats_member_move_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" uuid NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"moved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_org_move" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stats_org_move_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"old_path" text COLLATE "C" NOT NULL,
	"new_path" text COLLATE "C" NOT NULL,
	"moved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_rollup" (
	"org_id" uuid NOT NULL,
	"dim" text COLLATE "C" NOT NULL,
	"key" text COLLATE "C" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stats_rollup_org_id_dim_key_pk" PRIMARY KEY("org_id","dim","key")
);
--> statement-breakpoint
CREATE INDEX "stats_member_move_at_idx" ON "stats_member_move" USING btree ("moved_at");--> statement-breakpoint
CREATE INDEX "stats_member_move_member_idx" ON "stats_member_move" USING btree ("member_id","moved_at");--> statement-breakpoint
CREATE INDEX "stats_org_move_at_idx" ON "stats_org_move" USING btree ("moved_at");