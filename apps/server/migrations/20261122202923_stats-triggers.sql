-- Statistics rollups (docs/stats.md; ARCHITECTURE §2 "stats rollups, updated inside the writing transaction through
-- hooks stats owns"; §9). Every org's stats_rollup rows count its WHOLE subtree: active members by dimension, live
-- orgs by kind / domain / term end, and its branches by size. Statement-level triggers with transition tables
-- aggregate each statement's changes first, then add them to the changed orgs and all their ancestors in one upsert:
-- a bulk import of 1,000 members is one upsert of the distinct (ancestor, dim, key) rows, not 1,000 × depth × dims.

-- The org's ancestors and itself, root first: '/1/5/2n/' → '/1/', '/1/5/', '/1/5/2n/'.
CREATE FUNCTION stats_path_prefixes(p text) RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT ROWS 6 AS $$
  SELECT substr(p, 1, i) COLLATE "C" FROM generate_series(2, length(p)) AS i WHERE substr(p, i, 1) = '/'
$$;
--> statement-breakpoint
-- GB/T 4658-2006 top-level code of a stored education code ('21' 大学本科毕业 → '20'); 'unknown' when missing.
CREATE FUNCTION stats_education_key(p_education text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_education ~ '^[1-46-9][0-9]$' THEN left(p_education, 1) || '0' ELSE 'unknown' END
$$;
--> statement-breakpoint
-- The 8 职业 categories of the 党内统计公报 (regulations digest §5). The member file stores the category's Chinese
-- name (half- or full-width brackets; the 2017 wording 民办非企业单位 too) or its identifier; anything else is unknown.
CREATE FUNCTION stats_occupation_key(p_occupation text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE replace(replace(btrim(coalesce(p_occupation, '')), '(', '（'), ')', '）')
    WHEN '工人（工勤技能人员）' THEN 'worker' WHEN '工人' THEN 'worker' WHEN '工勤技能人员' THEN 'worker'
    WHEN '农牧渔民' THEN 'farmer'
    WHEN '企事业单位、社会组织专业技术人员' THEN 'professional' WHEN '企事业单位、民办非企业单位专业技术人员' THEN 'professional'
    WHEN '企事业单位、社会组织管理人员' THEN 'manager' WHEN '企事业单位、民办非企业单位管理人员' THEN 'manager'
    WHEN '党政机关工作人员' THEN 'government_staff'
    WHEN '学生' THEN 'student'
    WHEN '其他职业人员' THEN 'other'
    WHEN '离退休人员' THEN 'retired'
    ELSE CASE WHEN p_occupation IN ('worker', 'farmer', 'professional', 'manager', 'government_staff', 'student', 'other', 'retired') THEN p_occupation ELSE 'unknown' END
  END
$$;
--> statement-breakpoint
-- 入党时间 periods (regulations digest §10): before 1949-10-01; to 1978-12-17; to 2012-11-07; from 2012-11-08.
CREATE FUNCTION stats_join_period(p_joined date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_joined IS NULL THEN 'unknown'
    WHEN p_joined < DATE '1949-10-01' THEN 'before_1949_10'
    WHEN p_joined <= DATE '1978-12-17' THEN 'to_1978_12'
    WHEN p_joined <= DATE '2012-11-07' THEN 'to_2012_11'
    ELSE 'since_2012_11' END
$$;
--> statement-breakpoint
-- One member's keys, one row per dimension. Birth month and birth date are stable keys: age bands are derived at read
-- time as of the asked date (ARCHITECTURE §9). Triggers, the recount and past-date figures all use this function.
CREATE FUNCTION stats_member_dims(p_category text, p_status text, p_gender text, p_ethnicity text, p_education text, p_occupation text, p_joined date, p_birth date)
RETURNS TABLE (dim text, key text) LANGUAGE sql STABLE AS $$
  VALUES
    ('total', ''),
    ('category', CASE WHEN p_category IN ('resident', 'in_service', 'mobile', 'retired') THEN p_category ELSE 'unknown' END),
    ('status', CASE WHEN p_status IN ('full', 'probationary') THEN p_status ELSE 'unknown' END),
    ('gender', CASE WHEN p_gender IN ('male', 'female') THEN p_gender ELSE 'unknown' END),
    ('ethnicity', CASE WHEN p_ethnicity ~ '^(0[1-9]|[1-4][0-9]|5[0-6]|97|98)$' THEN p_ethnicity ELSE 'unknown' END),
    ('education', stats_education_key(p_education)),
    ('occupation', stats_occupation_key(p_occupation)),
    ('join_period', stats_join_period(p_joined)),
    ('birth_month', coalesce(to_char(p_birth, 'YYYY-MM'), 'unknown')),
    ('birth_date', coalesce(to_char(p_birth, 'YYYY-MM-DD'), 'unknown'))
$$;
--> statement-breakpoint
-- One live org's keys: its kind, its domain and its term end (换届 due date) when it has one.
CREATE FUNCTION stats_org_dims(p_kind text, p_domain text, p_term_end date) RETURNS TABLE (dim text, key text) LANGUAGE sql STABLE AS $$
  SELECT v.dim, v.key FROM (VALUES ('org_kind', p_kind), ('org_domain', p_domain), ('term_end', to_char(p_term_end, 'YYYY-MM-DD'))) AS v(dim, key)
  WHERE v.key IS NOT NULL
$$;
--> statement-breakpoint
CREATE FUNCTION stats_is_branch(p_kind text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_kind IN ('branch', 'joint_branch', 'temporary_branch')
$$;
--> statement-breakpoint
-- A live branch's place in the size histograms: full members capped at 20 (the largest minimum a setting allows, so
-- "fewer than N" is exact for any N ≤ 20) and all members capped at 501 (the largest maximum is 500).
CREATE FUNCTION stats_branch_dims(p_full bigint, p_size bigint) RETURNS TABLE (dim text, key text) LANGUAGE sql IMMUTABLE AS $$
  VALUES ('branch_full', least(p_full, 20)::text), ('branch_size', least(p_size, 501)::text)
$$;
--> statement-breakpoint
-- Takes the statistics lock of each province-level tree touched, in order. Every write adds to its root's rows, so
-- writers of one tree queue here once, at their first change, instead of deadlocking over rows later on.
CREATE FUNCTION stats_lock_roots(p_paths text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  FOR r IN SELECT DISTINCT substring(x FROM '^/[^/]+/') AS root FROM unnest(p_paths) AS x WHERE x IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(74112, hashtext(r));
  END LOOP;
END $$;
--> statement-breakpoint
-- Adds deltas, given for orgs by path, to those orgs and all their ancestors: one upsert, rows in a fixed order.
-- Ancestors are looked up once per distinct path (a bulk import into one branch has one). JIT is off in the
-- statistics functions: their statements are small, and compiling them would cost more than running them.
CREATE FUNCTION stats_apply(p_paths text[], p_dims text[], p_keys text[], p_ns int[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF p_paths IS NULL OR cardinality(p_paths) = 0 THEN RETURN; END IF;
  PERFORM stats_lock_roots(p_paths);
  INSERT INTO stats_rollup AS t (org_id, dim, key, n)
  SELECT anc.id, d.dim, d.key, sum(d.n)
  FROM unnest(p_paths, p_dims, p_keys, p_ns) AS d(path, dim, key, n)
  JOIN (SELECT q.path, a.id, a.path AS anc_path
        FROM (SELECT DISTINCT x AS path FROM unnest(p_paths) AS x) q
        CROSS JOIN LATERAL stats_path_prefixes(q.path) AS p(prefix)
        JOIN org a ON a.path = p.prefix) anc ON anc.path = d.path
  GROUP BY anc.anc_path, anc.id, d.dim, d.key
  HAVING sum(d.n) <> 0
  ORDER BY anc.anc_path, d.dim, d.key
  ON CONFLICT (org_id, dim, key) DO UPDATE SET n = t.n + EXCLUDED.n;
END $$;
--> statement-breakpoint
-- Tells listening app processes which orgs' figures changed (delivered at commit, never for a rollback):
-- {"paths": [org paths]} — a subscriber to org S refreshes when one starts with S's path (the change is inside S's
-- subtree); past ~7 kB, {"roots": [root paths]} — every subscriber inside those trees refreshes.
CREATE FUNCTION stats_notify(p_paths text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE payload text;
BEGIN
  SELECT json_build_object('paths', json_agg(DISTINCT x))::text INTO payload FROM unnest(p_paths) AS x WHERE x IS NOT NULL HAVING count(*) > 0;
  IF payload IS NULL THEN RETURN; END IF;
  IF length(payload) > 7000 THEN
    SELECT json_build_object('roots', json_agg(DISTINCT substring(x FROM '^/[^/]+/')))::text INTO payload FROM unnest(p_paths) AS x WHERE x IS NOT NULL;
  END IF;
  PERFORM pg_notify('xf_stats', payload);
END $$;
--> statement-breakpoint
-- Member rows: active members counted under their org's subtree. An UPDATE counts only rows whose counted
-- attributes changed (the old row out, the new one in); a branch whose counts changed moves between histogram
-- buckets; a change of org is logged for past-date figures.
CREATE FUNCTION stats_member_change() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  d_paths text[]; d_dims text[]; d_keys text[]; d_ns int[];
  h_paths text[]; h_dims text[]; h_keys text[]; h_ns int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(o.path), array_agg(x.dim), array_agg(x.key), array_agg(x.n) INTO d_paths, d_dims, d_keys, d_ns
    FROM (SELECT m.org_id, d.dim, d.key, count(*)::int AS n
          FROM new_rows m CROSS JOIN LATERAL stats_member_dims(m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date) d
          WHERE m.state = 'active' GROUP BY 1, 2, 3) x
    JOIN org o ON o.id = x.org_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.path), array_agg(x.dim), array_agg(x.key), array_agg(x.n) INTO d_paths, d_dims, d_keys, d_ns
    FROM (SELECT m.org_id, d.dim, d.key, -count(*)::int AS n
          FROM old_rows m CROSS JOIN LATERAL stats_member_dims(m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date) d
          WHERE m.state = 'active' GROUP BY 1, 2, 3) x
    JOIN org o ON o.id = x.org_id;
  ELSE
    INSERT INTO stats_member_move (member_id, from_org_id, to_org_id, moved_at)
      SELECT n.id, o.org_id, n.org_id, n.updated_at FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.org_id <> n.org_id ORDER BY n.id;
    WITH changed AS (
      SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.org_id, o.state, o.category, o.status, o.gender, o.ethnicity, o.education, o.occupation, o.joined_on, o.birth_date)
        IS DISTINCT FROM (n.org_id, n.state, n.category, n.status, n.gender, n.ethnicity, n.education, n.occupation, n.joined_on, n.birth_date)
    ), delta AS (
      SELECT m.org_id, d.dim, d.key, -1 AS n
      FROM old_rows m CROSS JOIN LATERAL stats_member_dims(m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date) d
      WHERE m.state = 'active' AND m.id IN (SELECT id FROM changed)
      UNION ALL
      SELECT m.org_id, d.dim, d.key, 1
      FROM new_rows m CROSS JOIN LATERAL stats_member_dims(m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date) d
      WHERE m.state = 'active' AND m.id IN (SELECT id FROM changed)
    )
    SELECT array_agg(o.path), array_agg(x.dim), array_agg(x.key), array_agg(x.n) INTO d_paths, d_dims, d_keys, d_ns
    FROM (SELECT org_id, dim, key, sum(n)::int AS n FROM delta GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x
    JOIN org o ON o.id = x.org_id;
  END IF;
  IF d_paths IS NULL THEN RETURN NULL; END IF;
  PERFORM stats_apply(d_paths, d_dims, d_keys, d_ns);
  -- Branch-kind orgs hold their members directly (their children are groups, which hold none), so the branch's own
  -- rollup row is its size; before this statement it was that minus the delta.
  SELECT array_agg(b.path), array_agg(h.dim), array_agg(h.key), array_agg(h.n) INTO h_paths, h_dims, h_keys, h_ns
  FROM (
    SELECT o.path, coalesce(rt.n, 0) AS t_new, coalesce(rt.n, 0) - x.dt AS t_old, coalesce(rf.n, 0) AS f_new, coalesce(rf.n, 0) - x.df AS f_old
    FROM (SELECT u.path, coalesce(sum(u.n) FILTER (WHERE u.dim = 'total'), 0) AS dt, coalesce(sum(u.n) FILTER (WHERE u.dim = 'status' AND u.key = 'full'), 0) AS df
          FROM unnest(d_paths, d_dims, d_keys, d_ns) AS u(path, dim, key, n) GROUP BY u.path) x
    JOIN org o ON o.path = x.path AND stats_is_branch(o.kind) AND o.dissolved_on IS NULL
    LEFT JOIN stats_rollup rt ON rt.org_id = o.id AND rt.dim = 'total' AND rt.key = ''
    LEFT JOIN stats_rollup rf ON rf.org_id = o.id AND rf.dim = 'status' AND rf.key = 'full'
    WHERE x.dt <> 0 OR x.df <> 0
  ) b
  CROSS JOIN LATERAL (
    SELECT s.dim, s.key, -1 AS n FROM stats_branch_dims(b.f_old, b.t_old) s
    UNION ALL SELECT s.dim, s.key, 1 FROM stats_branch_dims(b.f_new, b.t_new) s
  ) h;
  PERFORM stats_apply(h_paths, h_dims, h_keys, h_ns);
  PERFORM stats_notify(d_paths);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Org rows: a new org counts in; a subtree move carries the moved root's rows from its old ancestors to its new ones
-- (common ancestors net out) and is logged for past-date figures; a change of kind, domain, term end or dissolution
-- swaps the org's own keys in place; a deleted org (a leaf without members) counts out.
CREATE FUNCTION stats_org_change() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  mv record;
  d_paths text[]; d_dims text[]; d_keys text[]; d_ns int[];
  changed_paths text[] := '{}';
BEGIN
  -- An org counts once it has its real path: org.repository inserts a placeholder ('pending:…') and sets the path,
  -- made of the new seq, in a second statement — that UPDATE is the org's arrival.
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(x.path), array_agg(x.dim), array_agg(x.key), array_agg(1) INTO d_paths, d_dims, d_keys, d_ns
    FROM (SELECT n.path, d.dim, d.key FROM new_rows n CROSS JOIN LATERAL stats_org_dims(n.kind, n.domain, n.term_end) d WHERE n.dissolved_on IS NULL AND n.path LIKE '/%'
          UNION ALL
          SELECT n.path, b.dim, b.key FROM new_rows n CROSS JOIN LATERAL stats_branch_dims(0, 0) b WHERE n.dissolved_on IS NULL AND stats_is_branch(n.kind) AND n.path LIKE '/%') x;
    changed_paths := coalesce(d_paths, '{}');
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x.path), array_agg(x.dim), array_agg(x.key), array_agg(-1) INTO d_paths, d_dims, d_keys, d_ns
    FROM (SELECT o.path, d.dim, d.key FROM old_rows o CROSS JOIN LATERAL stats_org_dims(o.kind, o.domain, o.term_end) d WHERE o.dissolved_on IS NULL AND o.path LIKE '/%'
          UNION ALL
          SELECT o.path, b.dim, b.key FROM old_rows o CROSS JOIN LATERAL stats_branch_dims(0, 0) b WHERE o.dissolved_on IS NULL AND stats_is_branch(o.kind) AND o.path LIKE '/%') x;
    DELETE FROM stats_rollup WHERE org_id IN (SELECT id FROM old_rows);
    changed_paths := coalesce(d_paths, '{}');
  ELSE
    FOR mv IN SELECT n.id, o.path AS old_path, n.path AS new_path, n.updated_at FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE o.parent_id IS DISTINCT FROM n.parent_id AND o.path <> n.path AND o.path LIKE '/%' AND n.path LIKE '/%' ORDER BY n.path LOOP
      PERFORM stats_lock_roots(ARRAY[mv.old_path, mv.new_path]);
      INSERT INTO stats_rollup AS t (org_id, dim, key, n)
      SELECT a.id, r.dim, r.key, sum(s.sign * r.n)
      FROM stats_rollup r
      CROSS JOIN LATERAL (
        SELECT p.prefix, -1 AS sign FROM stats_path_prefixes(mv.old_path) AS p(prefix) WHERE p.prefix <> mv.old_path
        UNION ALL
        SELECT p.prefix, 1 FROM stats_path_prefixes(mv.new_path) AS p(prefix) WHERE p.prefix <> mv.new_path
      ) s
      JOIN org a ON a.path = s.prefix
      WHERE r.org_id = mv.id
      GROUP BY a.path, a.id, r.dim, r.key
      HAVING sum(s.sign * r.n) <> 0
      ORDER BY a.path, r.dim, r.key
      ON CONFLICT (org_id, dim, key) DO UPDATE SET n = t.n + EXCLUDED.n;
      INSERT INTO stats_org_move (org_id, old_path, new_path, moved_at) VALUES (mv.id, mv.old_path, mv.new_path, mv.updated_at);
      changed_paths := changed_paths || ARRAY[mv.old_path, mv.new_path];
    END LOOP;
    -- After any move the org sits at its new path with its old keys: swap them there. An arriving org (placeholder
    -- path before) had no keys yet: it only adds its new ones.
    WITH ch AS (
      SELECT o.kind AS o_kind, o.domain AS o_domain, o.term_end AS o_term_end, o.dissolved_on IS NULL AND o.path LIKE '/%' AS o_live,
             n.kind AS n_kind, n.domain AS n_domain, n.term_end AS n_term_end, n.dissolved_on IS NULL AS n_live, n.path, n.id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n.path LIKE '/%' AND (o.kind, o.domain, o.term_end, o.dissolved_on IS NULL AND o.path LIKE '/%') IS DISTINCT FROM (n.kind, n.domain, n.term_end, n.dissolved_on IS NULL)
    ), sized AS (
      SELECT ch.*, coalesce(rf.n, 0) AS f, coalesce(rt.n, 0) AS t FROM ch
      LEFT JOIN stats_rollup rt ON rt.org_id = ch.id AND rt.dim = 'total' AND rt.key = ''
      LEFT JOIN stats_rollup rf ON rf.org_id = ch.id AND rf.dim = 'status' AND rf.key = 'full'
    )
    SELECT array_agg(x.path), array_agg(x.dim), array_agg(x.key), array_agg(x.n) INTO d_paths, d_dims, d_keys, d_ns
    FROM (
      SELECT s.path, d.dim, d.key, -1 AS n FROM sized s CROSS JOIN LATERAL stats_org_dims(s.o_kind, s.o_domain, s.o_term_end) d WHERE s.o_live
      UNION ALL SELECT s.path, d.dim, d.key, 1 FROM sized s CROSS JOIN LATERAL stats_org_dims(s.n_kind, s.n_domain, s.n_term_end) d WHERE s.n_live
      UNION ALL SELECT s.path, b.dim, b.key, -1 FROM sized s CROSS JOIN LATERAL stats_branch_dims(s.f, s.t) b WHERE s.o_live AND stats_is_branch(s.o_kind)
      UNION ALL SELECT s.path, b.dim, b.key, 1 FROM sized s CROSS JOIN LATERAL stats_branch_dims(s.f, s.t) b WHERE s.n_live AND stats_is_branch(s.n_kind)
    ) x;
    IF d_paths IS NOT NULL THEN changed_paths := changed_paths || d_paths; END IF;
  END IF;
  PERFORM stats_apply(d_paths, d_dims, d_keys, d_ns);
  IF cardinality(changed_paths) > 0 THEN PERFORM stats_notify(changed_paths); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_member_insert AFTER INSERT ON member REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_member_change();
--> statement-breakpoint
CREATE TRIGGER stats_member_update AFTER UPDATE ON member REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_member_change();
--> statement-breakpoint
CREATE TRIGGER stats_member_delete AFTER DELETE ON member REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_member_change();
--> statement-breakpoint
CREATE TRIGGER stats_org_insert AFTER INSERT ON org REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_org_change();
--> statement-breakpoint
CREATE TRIGGER stats_org_update AFTER UPDATE ON org REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_org_change();
--> statement-breakpoint
CREATE TRIGGER stats_org_delete AFTER DELETE ON org REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_org_change();
--> statement-breakpoint
-- The from-scratch recount: what the rollups must hold. The backfill below, `npm run stats:verify` and the tests use it.
CREATE FUNCTION stats_recount() RETURNS TABLE (org_id uuid, dim text, key text, n bigint) LANGUAGE sql STABLE AS $$
  WITH anc AS MATERIALIZED (
    SELECT o.id, a.id AS anc_id FROM org o CROSS JOIN LATERAL stats_path_prefixes(o.path) AS p(prefix) JOIN org a ON a.path = p.prefix
  ), direct AS (
    SELECT m.org_id AS id, d.dim, d.key, count(*) AS n
    FROM member m CROSS JOIN LATERAL stats_member_dims(m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date) d
    WHERE m.state = 'active' GROUP BY 1, 2, 3
    UNION ALL
    SELECT o.id, d.dim, d.key, 1 FROM org o CROSS JOIN LATERAL stats_org_dims(o.kind, o.domain, o.term_end) d WHERE o.dissolved_on IS NULL
  ), rolled AS MATERIALIZED (
    SELECT anc.anc_id AS id, direct.dim, direct.key, sum(direct.n)::bigint AS n FROM direct JOIN anc ON anc.id = direct.id GROUP BY 1, 2, 3
  ), sized AS MATERIALIZED (
    -- A branch's size is its own subtree count, as the member trigger reads it.
    SELECT r.id, (sum(r.n) FILTER (WHERE r.dim = 'total'))::bigint AS t, (sum(r.n) FILTER (WHERE r.dim = 'status' AND r.key = 'full'))::bigint AS f
    FROM rolled r WHERE r.dim IN ('total', 'status') GROUP BY r.id
  ), branch AS (
    SELECT b.id, d.dim, d.key FROM org b LEFT JOIN sized s ON s.id = b.id
    CROSS JOIN LATERAL stats_branch_dims(coalesce(s.f, 0), coalesce(s.t, 0)) d
    WHERE stats_is_branch(b.kind) AND b.dissolved_on IS NULL
  )
  SELECT id, dim, key, n FROM rolled
  UNION ALL
  SELECT anc.anc_id, branch.dim, branch.key, count(*) FROM branch JOIN anc ON anc.id = branch.id GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
-- Past-date figures read the member's standing acts (member_event) with the date each took effect: the decision date,
-- else the leaving date, else the day it was recorded (Asia/Shanghai). Read-only, for the stats module (ARCHITECTURE §2).
CREATE FUNCTION stats_event_on(p_details jsonb, p_at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT v.d::date FROM (VALUES (1, p_details->>'decidedOn'), (2, p_details->>'leftOn'), (3, p_details->>'on')) AS v(i, d)
     WHERE v.d ~ '^\d{4}-\d{2}-\d{2}$' ORDER BY v.i LIMIT 1),
    ((p_at AT TIME ZONE 'UTC') + interval '8 hours')::date)
$$;
--> statement-breakpoint
CREATE VIEW stats_standing_event AS
  SELECT e.id, e.member_id, e.kind, e.occurred_at,
         CASE WHEN e.kind = 'suspended' THEN 'suspended' WHEN e.kind = 'restored' THEN 'active' ELSE 'left' END AS state_after,
         stats_event_on(e.details, e.occurred_at) AS effective_on
  FROM member_event e WHERE e.kind IN ('left', 'suspended', 'restored', 'transferred_out');
--> statement-breakpoint
-- The structural thresholds set inside a subtree, so the dashboard judges each overriding org by its own value.
CREATE VIEW stats_threshold_setting AS
  SELECT s.org_id, o.path, s.key, s.value FROM setting s JOIN org o ON o.id = s.org_id
  WHERE s.key IN ('org.branchMinFullMembers', 'org.branchMaxMembers', 'org.electionWarningMonths');
--> statement-breakpoint
-- Backfill from current rows; history from before this migration: moves from the audit trail, transfers from the
-- members' history.
INSERT INTO stats_rollup (org_id, dim, key, n) SELECT org_id, dim, key, n FROM stats_recount() WHERE n <> 0;
--> statement-breakpoint
INSERT INTO stats_org_move (org_id, old_path, new_path, moved_at)
  SELECT e.target_id::uuid, e.details->>'oldPath', e.details->>'newPath', e.at FROM audit_event e
  WHERE e.action = 'org.move' AND e.result = 'ok' AND e.details ? 'oldPath' AND e.details ? 'newPath' ORDER BY e.seq;
--> statement-breakpoint
INSERT INTO stats_member_move (member_id, from_org_id, to_org_id, moved_at)
  SELECT e.member_id, t.from_org_id, t.to_org_id, e.occurred_at FROM member_event e JOIN transfer t ON t.id::text = e.details->>'transferId'
  WHERE e.kind = 'transferred' AND t.to_org_id IS NOT NULL ORDER BY e.occurred_at, e.id;
