import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ethnicityCodes, occupations } from '@xianfeng/contracts/member/member.enums';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { systemCtx } from '../../platform/context.ts';
import { addDays, addYears } from '../../platform/dates.ts';
import { findRollupDifferences, formatDifference } from './stats.service.ts';

/**
 * Randomised writes through the API — member creates, edits, leavings, suspensions and restorations, transfers to
 * completion, org creates, subtree moves, domain changes, new leaderships, dissolutions — over several days of the
 * fake clock. After each day the rollups must equal the from-scratch recount (the one `stats:verify` runs) for every
 * org; at the end every day's figures, asked for as a past date, must equal what the rollups said that day.
 * The PRNG is seeded (XIANFENG_STATS_SEED to replay a failure).
 */

const SEED = Number(process.env.XIANFENG_STATS_SEED ?? 20261122);
const DAYS = 5;
const OPS_PER_DAY = 9;

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!, chance: (p: number) => next() < p };
}

/** A valid GB 11643 ID number for a birth date and gender (region 110101, a fresh sequence each time). */
let idSeq = 0;
function idNumberFor(birthDate: string, gender: 'male' | 'female'): string {
  idSeq += 1;
  const seq = String((idSeq * 2 + (gender === 'male' ? 1 : 0)) % 1000).padStart(3, '0');
  // Region codes of Xinjiang (65…), which the demo district's people do not use: no clash with the seed's numbers.
  const region = String(650102 + Math.floor(idSeq / 500));
  const body = `${region}${birthDate.replaceAll('-', '')}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

interface Created {
  id: string;
  firstOrg: string;
  createdOn: string;
  joinedOn: string;
  status: 'full' | 'probationary';
  fullMemberOn: string | null;
}

for (const engine of engines) {
  describe(`stats property (${engine}, seed ${SEED})`, () => {
    let s: TestServer;
    const r = prng(SEED);
    const created: Created[] = [];
    /** Per day: the figures the rollups gave for the watched orgs, and every org's path then. */
    const days: { day: string; figures: Map<string, { total: number; full: number; probationary: number }>; paths: Map<string, string> }[] = [];
    let watched: string[] = [];
    let firstDay = '';
    let started = new Date(0);

    before(async () => {
      s = await openTestServer(engine);
      firstDay = s.platform.clock.today();
      started = s.platform.clock.now();
    });
    after(() => s.stop());

    const db = () => s.platform.database.db;
    async function call(method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, cookie: await s.login('district'), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    async function ok(method: string, url: string, body?: unknown) {
      const res = await call(method, url, body);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url} ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
      return res.json();
    }
    const ids = async (q: ReturnType<typeof sql>) => (await rows<{ id: string }>(db(), q)).map((x) => x.id);
    const liveBranches = () => ids(sql`SELECT id FROM org WHERE kind = 'branch' AND dissolved_on IS NULL ORDER BY code`);
    const seedBranches = () => ids(sql`SELECT id FROM org WHERE kind = 'branch' AND dissolved_on IS NULL AND created_at < ${started} ORDER BY code`);
    const communities = () => ids(sql`SELECT id FROM org WHERE kind = 'committee' AND domain = 'community' AND dissolved_on IS NULL ORDER BY code`);
    const streets = () => ids(sql`SELECT id FROM org WHERE kind = 'working_committee' ORDER BY code`);
    const activeMembers = () => ids(sql`SELECT id FROM member WHERE state = 'active' ORDER BY id`);
    /** Active members with no transfer under way (standing acts and new transfers leave those alone). */
    const settledMembers = () =>
      ids(sql`SELECT m.id FROM member m WHERE m.state = 'active'
                AND NOT EXISTS (SELECT 1 FROM transfer t WHERE t.member_id = m.id AND t.status IN ('pending', 'returned', 'awaiting_receipt')) ORDER BY m.id`);

    function newMemberBody(orgId: string, today: string) {
      const gender = r.pick(['male', 'female'] as const);
      const birthDate = addDays('1925-01-01', r.int(0, 365 * 80));
      const probationary = r.chance(0.15) && addYears(birthDate, 18) <= addDays(today, -200);
      const earliest = addYears(birthDate, 18) > '1930-01-01' ? addYears(birthDate, 18) : '1930-01-01';
      // Full members joined before the first day of the run, so later edits never change their status on a past day.
      const latest = addDays(firstDay, -400);
      const joinedOn = probationary ? addDays(today, -r.int(1, 200)) : earliest < latest ? addDays(earliest, r.int(0, Math.max(0, (Date.parse(latest) - Date.parse(earliest)) / 86_400_000))) : latest;
      return {
        orgId,
        name: `随机${[...String(created.length)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`,
        gender,
        birthDate,
        idNumber: idNumberFor(birthDate, gender),
        joinedOn,
        status: probationary ? 'probationary' : 'full',
        fullMemberOn: probationary ? null : addYears(joinedOn, 1) < firstDay ? addYears(joinedOn, 1) : joinedOn,
        category: r.pick(['resident', 'in_service', 'mobile', 'retired'] as const),
        ethnicity: r.pick([...Object.keys(ethnicityCodes).slice(0, 6), '97']),
        ...(r.chance(0.8) ? { education: r.pick(['10', '20', '30', '40', '60', '70', '80', '90']) } : {}),
        ...(r.chance(0.8) ? { occupation: r.chance(0.9) ? r.pick(occupations) : '自由职业' } : {}),
      };
    }

    const done = new Map<string, number>();
    async function step(today: string) {
      const op = r.pick(['create', 'create', 'create', 'edit', 'edit', 'leave', 'suspend', 'restore', 'transfer', 'transfer', 'moveBranch', 'moveCommunity', 'newBranch', 'dissolve', 'domain', 'leadership'] as const);
      done.set(op, (done.get(op) ?? 0) + 1);
      switch (op) {
        case 'create': {
          // Only into branches that existed on the first day: a past date then knows where the member stood.
          const orgId = r.pick(await seedBranches());
          const body = newMemberBody(orgId, today);
          const m = await ok('POST', '/api/members', body);
          created.push({ id: m.id, firstOrg: orgId, createdOn: today, joinedOn: body.joinedOn, status: body.status as Created['status'], fullMemberOn: body.fullMemberOn });
          return;
        }
        case 'edit': {
          const id = r.pick(await activeMembers());
          const gender = r.pick(['male', 'female'] as const);
          const birthDate = addDays('1930-01-01', r.int(0, 365 * 60));
          const patch: Record<string, unknown> = r.chance(0.5) ? { education: r.chance(0.2) ? null : r.pick(['10', '20', '30', '70']) } : { occupation: r.pick([...occupations, '个体户', null]) };
          if (r.chance(0.5)) patch.category = r.pick(['resident', 'in_service', 'mobile', 'retired']);
          if (r.chance(0.4)) patch.ethnicity = r.pick(['01', '02', '03', '56', '98']);
          if (r.chance(0.3)) Object.assign(patch, { gender, birthDate, idNumber: idNumberFor(birthDate, gender) });
          const res = await call('PATCH', `/api/members/${id}`, patch);
          // A new birth date may no longer fit the joining date (18 at joining): refused whole, which is fine too.
          assert.ok(res.statusCode === 200 || res.statusCode === 422, res.body);
          return;
        }
        case 'leave':
          await ok('POST', `/api/members/${r.pick(await settledMembers())}/leave`, { kind: r.pick(['death', 'withdrawal']), leftOn: today, reason: '随机出党' });
          return;
        case 'suspend':
          await ok('POST', `/api/members/${r.pick(await settledMembers())}/suspend`, { decidedOn: today, basis: 'abroad', reason: '出国定居', decisionRef: '明组〔2026〕9号' });
          return;
        case 'restore': {
          const suspended = await ids(sql`SELECT id FROM member WHERE state = 'suspended' ORDER BY id`);
          if (suspended.length) await ok('POST', `/api/members/${r.pick(suspended)}/restore`, { decidedOn: today, reason: '恢复联系', decisionRef: '明组〔2026〕10号' });
          return;
        }
        case 'transfer': {
          // Some pairs have no committee with the power to handle them (422 TRANSFER_NO_COMMITTEE): try another.
          for (let attempt = 0; attempt < 8; attempt++) {
            const memberId = r.pick(await settledMembers());
            const from = (await one<{ orgId: string }>(db(), sql`SELECT org_id AS "orgId" FROM member WHERE id = ${memberId}`))!.orgId;
            const to = r.pick((await liveBranches()).filter((b) => b !== from));
            const res = await call('POST', '/api/transfers', { memberId, toOrgId: to, reason: '随机转接' });
            if (res.statusCode === 422 && res.json().error.code === 'TRANSFER_NO_COMMITTEE') continue;
            assert.equal(res.statusCode, 201, res.body);
            let t = res.json();
            while (t.status === 'pending') t = await ok('POST', `/api/transfers/${t.id}/approve`, {});
            assert.equal(t.status, 'completed');
            return;
          }
          return;
        }
        case 'moveBranch':
          await ok('POST', `/api/orgs/${r.pick(await liveBranches())}/move`, { newParentId: r.pick(await communities()) });
          return;
        case 'moveCommunity': {
          const c = r.pick(await communities());
          const current = (await one<{ parentId: string }>(db(), sql`SELECT parent_id AS "parentId" FROM org WHERE id = ${c}`))!.parentId;
          await ok('POST', `/api/orgs/${c}/move`, { newParentId: r.pick((await streets()).filter((x) => x !== current)) });
          return;
        }
        case 'newBranch':
          await ok('POST', '/api/orgs', { parentId: r.pick(await communities()), name: `随机新支部${r.int(1, 1e6)}`, kind: r.pick(['branch', 'joint_branch']), domain: r.pick(['community', 'private_enterprise', 'social_org']) });
          return;
        case 'dissolve': {
          const empty = await ids(sql`SELECT o.id FROM org o WHERE o.kind IN ('branch', 'joint_branch') AND o.dissolved_on IS NULL
                                        AND NOT EXISTS (SELECT 1 FROM member m WHERE m.org_id = o.id AND m.state = 'active')
                                        AND NOT EXISTS (SELECT 1 FROM org c WHERE c.parent_id = o.id AND c.dissolved_on IS NULL) ORDER BY o.id`);
          if (empty.length) await ok('POST', `/api/orgs/${r.pick(empty)}/dissolve`, { reason: '随机撤销', dissolvedOn: today });
          return;
        }
        case 'domain':
          await ok('PATCH', `/api/orgs/${r.pick(await liveBranches())}`, { domain: r.pick(['community', 'soe', 'school', 'other']) });
          return;
        case 'leadership': {
          const branch = r.pick(await liveBranches());
          const leader = await one<{ id: string }>(db(), sql`SELECT id FROM member WHERE org_id = ${branch} AND state = 'active' ORDER BY id LIMIT 1`);
          if (leader) await ok('PUT', `/api/orgs/${branch}/leadership`, { termStart: addDays(today, -r.int(0, 365 * 6)), leaders: [{ position: 'secretary', memberId: leader.id }] });
          return;
        }
      }
    }

    test('after every day of random writes the rollups equal a from-scratch recount, for every org', async (t) => {
      const ctx = systemCtx(s.platform);
      const first = await findRollupDifferences(ctx);
      assert.deepEqual(first.map(formatDifference), [], 'the seeded district (bulk inserts) matches');
      watched = await ids(sql`SELECT id FROM org WHERE depth <= 1 ORDER BY code`);
      const comms = await communities();
      const branches = await seedBranches();
      watched.push(comms[0]!, comms[3]!, comms[7]!, branches[0]!, branches[5]!, branches[11]!, branches[20]!);
      for (let d = 0; d < DAYS; d++) {
        const today = s.platform.clock.today();
        for (let i = 0; i < OPS_PER_DAY; i++) await step(today);
        const diffs = await findRollupDifferences(ctx);
        assert.deepEqual(diffs.map(formatDifference), [], `day ${d} (${today}), seed ${SEED}`);
        const figures = new Map<string, { total: number; full: number; probationary: number }>();
        for (const id of watched) {
          const f = await ok('GET', `/api/stats/orgs/${id}/members`);
          figures.set(id, { total: f.total, full: f.byStatus.full, probationary: f.byStatus.probationary });
        }
        const paths = new Map((await rows<{ id: string; path: string }>(db(), sql`SELECT id, path FROM org`)).map((o) => [o.id, o.path]));
        days.push({ day: today, figures, paths });
        s.platform.clock.advance(24 * 3600_000);
      }
      t.diagnostic(`operations: ${JSON.stringify(Object.fromEntries(done))}`);
    });

    test('each day asked for as a past date gives what the rollups gave that day (history: moves, transfers, standing)', async () => {
      assert.equal(days.length, DAYS);
      for (const { day, figures, paths } of days) {
        for (const id of watched) {
          const past = await ok('GET', `/api/stats/orgs/${id}/members?asOf=${day}`);
          // Files entered later with an earlier joining date count from joining, in the branch they were entered in.
          const later = created.filter((m) => m.createdOn > day && m.joinedOn <= day && paths.get(m.firstOrg)!.startsWith(paths.get(id)!));
          const full = later.filter((m) => m.status === 'full' && (m.fullMemberOn ?? '') <= day).length;
          const then = figures.get(id)!;
          assert.deepEqual(
            { total: past.total, full: past.byStatus.full, probationary: past.byStatus.probationary },
            { total: then.total + later.length, full: then.full + full, probationary: then.probationary + later.length - full },
            `${day} org ${id}, seed ${SEED}`,
          );
        }
      }
    });
  });
}
