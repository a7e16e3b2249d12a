DROP INDEX "member_org_state_name_idx";--> statement-breakpoint
CREATE INDEX "member_org_state_name_id_idx" ON "member" USING btree ("org_id","state","name","id");