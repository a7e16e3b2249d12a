import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { educationCodes, occupations } from '@xianfeng/contracts/member/member.enums';
import { statsOccupations } from '@xianfeng/contracts/stats/stats.enums';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { createTestMember } from '../../test-support/members.ts';
import { one, rows } from '../../platform/db/db.ts';
import { wholeYears } from '../../platform/dates.ts';

interface TestSocket {
  on(event: 'message', cb: (data: Buffer) => void): void;
  on(event: 'close', cb: (code: number) => void): void;
  terminate(): void;
}

const CONTRACT = ['total', 'byCategory', 'byStatus', 'byGender', 'byEthnicity', 'byEthnicityCode', 'byAgeBand', 'byEducation', 'byOccupation', 'byJoinPeriod', 'asOf'];

interface Row {
  category: string;
  status: string;
  gender: string;
  ethnicity: string;
  education: string | null;
  occupation: string | null;
  joinedOn: string;
  birthDate: string;
  fullMemberOn: string | null;
}

/** An independent oracle: the figures counted member by member from a plain query, not from the rollups. */
function expected(members: Row[], asOf: string) {
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const out: Record<string, Record<string, number>> = {};
  for (const k of CONTRACT.slice(1, -1)) out[k] = {};
  for (const m of members) {
    inc(out.byCategory!, m.category);
    inc(out.byStatus!, m.status === 'full' && m.fullMemberOn && m.fullMemberOn > asOf ? 'probationary' : m.status);
    inc(out.byGender!, m.gender);
    inc(out.byEthnicityCode!, m.ethnicity);
    inc(out.byEthnicity!, m.ethnicity === '01' ? 'han' : Number(m.ethnicity) <= 56 ? 'minority' : 'other');
    const age = wholeYears(m.birthDate, asOf);
    inc(out.byAgeBand!, age <= 30 ? 'le30' : age >= 61 ? 'ge61' : ['31_35', '36_40', '41_45', '46_50', '51_55', '56_60'][Math.floor((age - 31) / 5)]!);
    inc(out.byEducation!, m.education && m.education in educationCodes ? m.education : 'unknown');
    const occ = occupations.indexOf(m.occupation ?? '');
    inc(out.byOccupation!, occ >= 0 ? statsOccupations[occ]! : 'unknown');
    const j = m.joinedOn;
    inc(out.byJoinPeriod!, j < '1949-10-01' ? 'before_1949_10' : j <= '1978-12-17' ? 'to_1978_12' : j <= '2012-11-07' ? 'to_2012_11' : 'since_2012_11');
  }
  return { total: members.length, ...out };
}

/** Drops zero entries, so the oracle (which lists only what it saw) compares with the answer (which lists every key). */
const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));

for (const engine of engines) {
  describe(`stats routes (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = {
        district: '中共明德区委员会',
        east: '中共明德区东城街道党工委',
        west: '中共明德区西城街道党工委',
        south: '中共明德区南湖街道党工委',
        chunhui: '中共明德区东城街道春晖社区委员会',
        chunhui1: '春晖社区第一网格党支部',
        chunhui2: '春晖社区第二网格党支部',
        heping1: '和平社区第一网格党支部',
      };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    async function call(user: string | null, url: string) {
      const res = await s.request({ method: 'GET', url, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    }
    const ok = async (user: string, url: string) => {
      const res = await call(user, url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };
    const activeIn = (orgId: string) =>
      rows<Row>(
        s.platform.database.db,
        sql`SELECT m.category, m.status, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on AS "joinedOn", m.birth_date AS "birthDate",
                   m.full_member_on AS "fullMemberOn"
            FROM member m JOIN org o ON o.id = m.org_id JOIN org r ON r.id = ${orgId}
            WHERE m.state = 'active' AND starts_with(o.path, r.path)`,
      );

    test('exact contract; every breakdown sums to the total; figures equal a member-by-member count at every level', async () => {
      const today = s.platform.clock.today();
      for (const [user, key] of [['district', 'district'], ['street1', 'east'], ['community1', 'chunhui'], ['branch1', 'chunhui1']] as const) {
        const f = await ok(user, `/api/stats/orgs/${org[key]}/members`);
        assert.deepEqual(Object.keys(f).sort(), [...CONTRACT].sort(), 'exactly the contract’s keys');
        assert.equal(f.asOf, today, 'asOf defaults to today (Asia/Shanghai)');
        for (const k of CONTRACT.slice(1, -1)) {
          const values = Object.values(f[k] as Record<string, number>);
          assert.equal(values.reduce((a, b) => a + b, 0), f.total, `${key} ${k} sums to total`);
          assert.ok('unknown' in f[k], `${k} has unknown`);
        }
        assert.deepEqual(Object.keys(f.byCategory), ['resident', 'in_service', 'mobile', 'retired', 'unknown']);
        assert.deepEqual(Object.keys(f.byAgeBand), ['le30', '31_35', '36_40', '41_45', '46_50', '51_55', '56_60', 'ge61', 'unknown']);
        assert.deepEqual(Object.keys(f.byJoinPeriod), ['before_1949_10', 'to_1978_12', 'to_2012_11', 'since_2012_11', 'unknown']);
        assert.equal(Object.keys(f.byEthnicityCode).length, 59, 'all 58 GB/T 3304 codes and unknown');
        assert.deepEqual(Object.keys(f.byEducation), ['10', '20', '30', '40', '60', '70', '80', '90', 'unknown']);
        assert.deepEqual(Object.keys(f.byOccupation), [...statsOccupations, 'unknown']);
        const want = expected(await activeIn(org[key]!), today);
        assert.ok(want.total > 0);
        assert.equal(f.total, want.total, key);
        for (const k of CONTRACT.slice(1, -1)) assert.deepEqual(nonZero(f[k]), want[k as keyof typeof want], `${key} ${k}`);
      }
    });

    test('unknown where data is missing: no education, an occupation outside the 8 categories', async () => {
      const before = await ok('branch1', `/api/stats/orgs/${org.chunhui1}/members`);
      await createTestMember(s, 'branch1', org.chunhui1!, '统计未知', { occupation: '自由职业', ethnicity: '97', category: 'mobile' });
      const after = await ok('branch1', `/api/stats/orgs/${org.chunhui1}/members`);
      assert.equal(after.total, before.total + 1, 'counted in the same transaction as the write');
      assert.equal(after.byEducation.unknown, before.byEducation.unknown + 1);
      assert.equal(after.byOccupation.unknown, before.byOccupation.unknown + 1);
      assert.equal(after.byEthnicity.other, before.byEthnicity.other + 1);
      assert.equal(after.byEthnicityCode['97'], before.byEthnicityCode['97'] + 1);
      assert.equal(after.byCategory.mobile, before.byCategory.mobile + 1);
      // The ancestors moved with it.
      const street = await ok('street1', `/api/stats/orgs/${org.east}/members`);
      assert.equal(street.total, (await activeIn(org.east!)).length);
    });

    test('asOf: today equals the default; a future date is 400 naming asOf; malformed is 400', async () => {
      const today = s.platform.clock.today();
      assert.deepEqual(await ok('street1', `/api/stats/orgs/${org.east}/members?asOf=${today}`), await ok('street1', `/api/stats/orgs/${org.east}/members`));
      assertError(await call('street1', `/api/stats/orgs/${org.east}/members?asOf=2999-01-01`), 400, 'VALIDATION_FAILED', 'asOf');
      assertError(await call('street1', `/api/stats/orgs/${org.east}/overview?asOf=2999-01-01`), 400, 'VALIDATION_FAILED', 'asOf');
      for (const bad of ['2026-02-30', 'yesterday', '2026-1-1']) assert.equal((await call('street1', `/api/stats/orgs/${org.east}/members?asOf=${bad}`)).statusCode, 400, bad);
      assert.equal((await call('street1', `/api/stats/orgs/not-a-uuid/members`)).statusCode, 400);
    });

    test('a past asOf comes from history: while nothing happened since, the same members, with the status they had then', async () => {
      // Nothing in the south street changed since the seed (transfers, leavings and this file's writes are elsewhere).
      for (const asOf of ['2026-11-21', '2025-12-31', '2020-06-30']) {
        const past = await ok('district', `/api/stats/orgs/${org.south}/members?asOf=${asOf}`);
        const members = (await activeIn(org.south!)).filter((m) => m.joinedOn <= asOf);
        const want = expected(members, asOf);
        assert.equal(past.asOf, asOf);
        assert.equal(past.total, want.total, asOf);
        for (const k of CONTRACT.slice(1, -1)) assert.deepEqual(nonZero(past[k]), want[k as keyof typeof want], `${asOf} ${k}`);
      }
    });

    test('scope: out of scope or unknown → 404; no stats.read anywhere → 403; anonymous → 401', async () => {
      for (const path of ['members', 'overview']) {
        assertError(await call('community1', `/api/stats/orgs/${org.district}/${path}`), 404, 'NOT_FOUND');
        assertError(await call('branch1', `/api/stats/orgs/${org.chunhui2}/${path}`), 404, 'NOT_FOUND');
        assertError(await call('street1', `/api/stats/orgs/${org.west}/${path}`), 404, 'NOT_FOUND');
        assertError(await call('district', `/api/stats/orgs/${randomUUID()}/${path}`), 404, 'NOT_FOUND');
        assertError(await call('member1', `/api/stats/orgs/${org.chunhui1}/${path}`), 403, 'FORBIDDEN');
        assertError(await call('admin', `/api/stats/orgs/${org.district}/${path}`), 403, 'FORBIDDEN');
        assert.equal((await call(null, `/api/stats/orgs/${org.district}/${path}`)).statusCode, 401);
      }
      // A secretary reads their own branch; a district admin reads any level below.
      await ok('branch1', `/api/stats/orgs/${org.chunhui1}/members`);
      await ok('district', `/api/stats/orgs/${org.chunhui1}/members`);
    });

    test('overview: members, orgs, children that add up, warnings with their lists, module figures', async () => {
      const o = await ok('street1', `/api/stats/orgs/${org.east}/overview`);
      assert.deepEqual(o.org, { id: org.east, name: '中共明德区东城街道党工委', kind: 'working_committee' });
      assert.deepEqual(o.members, await ok('street1', `/api/stats/orgs/${org.east}/members`));
      const live = await one<{ n: number }>(
        s.platform.database.db,
        sql`SELECT count(*)::int AS n FROM org o JOIN org r ON r.id = ${org.east} WHERE starts_with(o.path, r.path) AND o.dissolved_on IS NULL`,
      );
      assert.equal(o.orgs.total, live!.n);
      assert.equal(Object.values(o.orgs.byKind as Record<string, number>).reduce((a, b) => a + b, 0), o.orgs.total);
      assert.equal(Object.values(o.orgs.byDomain as Record<string, number>).reduce((a, b) => a + b, 0), o.orgs.total);
      const sum = (k: string) => o.children.reduce((a: number, c: Record<string, number>) => a + c[k]!, 0);
      assert.equal(o.direct.total + sum('total'), o.members.total);
      assert.equal(o.direct.full + sum('full'), o.members.byStatus.full);
      assert.equal(sum('orgs') + 1, o.orgs.total, 'the children’s subtrees and the street itself');
      const chunhui = o.children.find((c: { id: string }) => c.id === org.chunhui);
      assert.equal(chunhui.total, (await activeIn(org.chunhui!)).length);
      assert.equal(chunhui.branches, 6);
      assert.ok(o.warnings.length >= 4);
      for (const w of o.warnings) {
        assert.ok(['red', 'yellow', 'green'].includes(w.level));
        assert.equal(w.level === 'green', w.count === 0, w.code);
        assert.match(w.link, /^\/admin\//);
        assert.ok(w.zh.length > 0);
      }
      // The structural counts equal the org module's own warnings list over the subtree.
      const list = await ok('street1', `/api/orgs/${org.east}/warnings?pageSize=100`);
      for (const code of ['BRANCH_TOO_FEW_FULL_MEMBERS', 'BRANCH_TOO_MANY_MEMBERS', 'TERM_EXPIRED', 'ELECTION_DUE_SOON']) {
        const counted = list.items.filter((w: { code: string }) => w.code === code).length;
        assert.equal(o.warnings.find((w: { code: string }) => w.code === code).count, counted, code);
      }
      for (const m of ['dues', 'compliance', 'transfers', 'mobile', 'reportIn', 'development']) assert.ok(o.modules[m], `modules.${m}`);
      const past = await ok('street1', `/api/stats/orgs/${org.east}/overview?asOf=2026-06-30`);
      assert.deepEqual(past.warnings, [], 'warnings are about now');
      assert.equal(past.modules.mobile, undefined, 'the mobile registries keep no history');
      assert.equal(past.asOf, '2026-06-30');
    });

    test('live: a subscriber hears stats.changed within a second of a commit in its subtree, and nothing from elsewhere', async () => {
      const cookie = await s.login('street1');
      const got: { type: string; orgId: string }[] = [];
      let wake: () => void = () => undefined;
      const listen = (sock: TestSocket) =>
        sock.on('message', (d) => {
          got.push(JSON.parse(d.toString()) as { type: string; orgId: string });
          wake();
        });
      const next = async (n: number, ms = 1000) => {
        const deadline = Date.now() + ms;
        while (got.length < n && Date.now() < deadline) await new Promise<void>((r) => ((wake = r), setTimeout(r, 50)));
        return got[n - 1];
      };
      const ws = (await s.app.injectWS(`/api/stats/ws?orgId=${org.east}`, { headers: { cookie } }, { onInit: (w) => listen(w as unknown as TestSocket) })) as unknown as TestSocket;
      try {
        assert.deepEqual(await next(1, 5000), { type: 'hello', orgId: org.east });
        // A change in another street is not this subscriber's.
        await createTestMember(s, 'branch2', org.heping1!, '西城实时');
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(got.length, 1, JSON.stringify(got));
        const committed = Date.now();
        await createTestMember(s, 'branch1', org.chunhui1!, '东城实时');
        const msg = await next(2);
        assert.ok(msg, 'stats.changed arrived');
        assert.equal(msg.type, 'stats.changed');
        assert.equal(msg.orgId, org.east);
        assert.ok(Date.now() - committed < 1000, `within 1 s (took ${Date.now() - committed} ms)`);
      } finally {
        ws.terminate();
      }
      for (const [who, url, code] of [
        [null, `/api/stats/ws?orgId=${org.east}`, 4401],
        ['street1', `/api/stats/ws?orgId=${org.west}`, 4404],
        ['street1', '/api/stats/ws', 4400],
        ['member1', `/api/stats/ws?orgId=${org.chunhui1}`, 4403],
      ] as const) {
        const headers = who ? { cookie: await s.login(who) } : {};
        const sock = (await s.app.injectWS(url, { headers })) as unknown as TestSocket;
        assert.equal(await new Promise<number>((resolve) => sock.on('close', resolve)), code, `${who} ${url}`);
      }
    });
  });
}
