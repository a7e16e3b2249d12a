CREATE TABLE "stats_month_snapshot" (
	"org_id" uuid NOT NULL,
	"month" text NOT NULL,
	"total" integer NOT NULL,
	"full" integer NOT NULL,
	"probationary" integer NOT NULL,
	"source" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_month_snapshot_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
-- The age pyramid (gender × age band) without a row per gender for every birth month and date: female members and
-- members of unknown gender get their own birth keys; male = all − female − unknown, band by band (docs/stats.md).
CREATE OR REPLACE FUNCTION stats_member_dims(p_category text, p_status text, p_gender text, p_ethnicity text, p_education text, p_occupation text, p_joined date, p_birth date)
RETURNS TABLE (dim text, key text) LANGUAGE sql STABLE AS $$
  SELECT v.dim, v.key FROM (VALUES
    ('total', ''),
    ('category', CASE WHEN p_category IN ('resident', 'in_service', 'mobile', 'retired') THEN p_category ELSE 'unknown' END),
    ('status', CASE WHEN p_status IN ('full', 'probationary') THEN p_status ELSE 'unknown' END),
    ('gender', CASE WHEN p_gender IN ('male', 'female') THEN p_gender ELSE 'unknown' END),
    ('ethnicity', CASE WHEN p_ethnicity ~ '^(0[1-9]|[1-4][0-9]|5[0-6]|97|98)$' THEN p_ethnicity ELSE 'unknown' END),
    ('education', stats_education_key(p_education)),
    ('occupation', stats_occupation_key(p_occupation)),
    ('join_period', stats_join_period(p_joined)),
    ('birth_month', coalesce(to_char(p_birth, 'YYYY-MM'), 'unknown')),
    ('birth_date', coalesce(to_char(p_birth, 'YYYY-MM-DD'), 'unknown')),
    (CASE WHEN p_gender = 'male' THEN NULL WHEN p_gender = 'female' THEN 'birth_month_female' ELSE 'birth_month_gender_unknown' END, coalesce(to_char(p_birth, 'YYYY-MM'), 'unknown')),
    (CASE WHEN p_gender = 'male' THEN NULL WHEN p_gender = 'female' THEN 'birth_date_female' ELSE 'birth_date_gender_unknown' END, coalesce(to_char(p_birth, 'YYYY-MM-DD'), 'unknown'))
  ) AS v(dim, key) WHERE v.dim IS NOT NULL
$$;
--> statement-breakpoint
INSERT INTO stats_rollup (org_id, dim, key, n)
  SELECT a.id, d.dim, d.key, count(*)::int
  FROM member m JOIN org o ON o.id = m.org_id
  CROSS JOIN LATERAL stats_path_prefixes(o.path) AS p(prefix) JOIN org a ON a.path = p.prefix
  CROSS JOIN LATERAL stats_member_dims(m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date) d
  WHERE m.state = 'active' AND d.dim IN ('birth_month_female', 'birth_date_female', 'birth_month_gender_unknown', 'birth_date_gender_unknown')
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3;
