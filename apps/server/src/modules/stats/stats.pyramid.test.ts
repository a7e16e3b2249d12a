import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ageBands } from '@xianfeng/contracts/member/member.enums';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';
import { createTestMember } from '../../test-support/members.ts';
import { one, rows } from '../../platform/db/db.ts';
import { addDays, addYears, wholeYears } from '../../platform/dates.ts';
import { bandOfAge } from './stats.rules.ts';

/**
 * The overview's age pyramid (docs/stats.md "Age pyramid"), both engines: each band's genders add up to
 * `members.byAgeBand`, the female and male columns equal a member-by-member count, a birthday on the asked day counts,
 * members of unknown gender or without a birth date (possible only by SQL: the member file requires both) land in
 * the `unknown` column and band.
 */

type Pyramid = { band: string; male: number; female: number; unknown: number }[];

/** A valid GB 11643 ID number for a birth date and gender (region codes the demo district does not use). */
let seq = 0;
function idNumberFor(birthDate: string, gender: 'male' | 'female'): string {
  seq += 1;
  const body = `650103${birthDate.replaceAll('-', '')}${String((seq * 2 + (gender === 'male' ? 1 : 0)) % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

for (const engine of engines) {
  describe(`stats age pyramid (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = { district: '中共明德区委员会', east: '中共明德区东城街道党工委', south: '中共明德区南湖街道党工委', chunhui1: '春晖社区第一网格党支部' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    const db = () => s.platform.database.db;
    async function overview(user: string, orgId: string, asOf?: string) {
      const res = await s.request({ method: 'GET', url: `/api/stats/orgs/${orgId}/overview${asOf ? `?asOf=${asOf}` : ''}`, cookie: await s.login(user) });
      assertSafe(res);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { members: { total: number; byAgeBand: Record<string, number>; byGender: Record<string, number> }; agePyramid: Pyramid };
    }
    /** The pyramid counted member by member from a plain query (active members of the subtree joined by `asOf`). */
    async function direct(orgId: string, asOf: string) {
      const found = await rows<{ gender: string | null; birthDate: string | null }>(
        db(),
        sql`SELECT m.gender, m.birth_date AS "birthDate" FROM member m JOIN org o ON o.id = m.org_id JOIN org r ON r.id = ${orgId}
            WHERE m.state = 'active' AND starts_with(o.path, r.path) AND m.joined_on <= ${asOf}`,
      );
      const out = new Map([...ageBands, 'unknown'].map((b) => [b, { male: 0, female: 0, unknown: 0 }]));
      for (const m of found) {
        const g = m.gender === 'male' || m.gender === 'female' ? m.gender : 'unknown';
        out.get(m.birthDate ? bandOfAge(wholeYears(m.birthDate, asOf)) : 'unknown')![g] += 1;
      }
      return [...out].map(([band, g]) => ({ band, ...g }));
    }
    function assertAddsUp(o: { members: { total: number; byAgeBand: Record<string, number> }; agePyramid: Pyramid }, what: string) {
      assert.deepEqual(
        o.agePyramid.map((r) => r.band),
        [...ageBands, 'unknown'],
        'the bands in order, unknown last',
      );
      for (const r of o.agePyramid) assert.equal(r.male + r.female + r.unknown, o.members.byAgeBand[r.band], `${what} ${r.band}`);
      assert.equal(
        o.agePyramid.reduce((a, r) => a + r.male + r.female + r.unknown, 0),
        o.members.total,
      );
    }

    test('each band adds up to byAgeBand; the genders equal a member-by-member count at every level', async () => {
      const today = s.platform.clock.today();
      for (const [user, key] of [['district', 'district'], ['street1', 'east'], ['branch1', 'chunhui1']] as const) {
        const o = await overview(user, org[key]!);
        assertAddsUp(o, key);
        assert.deepEqual(o.agePyramid, await direct(org[key]!, today), key);
        const female = o.agePyramid.reduce((a, r) => a + r.female, 0);
        assert.equal(female, o.members.byGender.female, `${key}: female total`);
        assert.ok(female > 0 && female < o.members.total, `${key}: both genders present`);
      }
    });

    test('a birthday on the asked day counts: 31 today is 31_35, 61 tomorrow is still 56_60', async () => {
      const today = s.platform.clock.today();
      const before = await overview('branch1', org.chunhui1!);
      const turning31 = addYears(today, -31);
      const turning61Tomorrow = addDays(addYears(today, -61), 1);
      await createTestMember(s, 'branch1', org.chunhui1!, '生日今天', { gender: 'female', birthDate: turning31, idNumber: idNumberFor(turning31, 'female'), joinedOn: '2020-07-01', fullMemberOn: '2021-07-01' });
      await createTestMember(s, 'branch1', org.chunhui1!, '生日明天', { gender: 'male', birthDate: turning61Tomorrow, idNumber: idNumberFor(turning61Tomorrow, 'male') });
      const after = await overview('branch1', org.chunhui1!);
      const delta = after.agePyramid.map((r, i) => ({ band: r.band, male: r.male - before.agePyramid[i]!.male, female: r.female - before.agePyramid[i]!.female, unknown: r.unknown - before.agePyramid[i]!.unknown }));
      assert.deepEqual(
        delta.filter((d) => d.male || d.female || d.unknown),
        [
          { band: '31_35', male: 0, female: 1, unknown: 0 },
          { band: '56_60', male: 1, female: 0, unknown: 0 },
        ],
      );
      assertAddsUp(after, 'chunhui1');
      // The street above moved with it.
      assert.deepEqual((await overview('street1', org.east!)).agePyramid, await direct(org.east!, today));
    });

    test('gender unknown and no birth date (by SQL, the file requires both): the unknown column and band', async () => {
      const today = s.platform.clock.today();
      const before = await overview('street1', org.east!);
      const a = await createTestMember(s, 'branch1', org.chunhui1!, '性别不详');
      const b = await createTestMember(s, 'branch1', org.chunhui1!, '生日不详', { gender: 'female', birthDate: '1980-03-04', idNumber: idNumberFor('1980-03-04', 'female') });
      const c = await createTestMember(s, 'branch1', org.chunhui1!, '都不详');
      const mid = await overview('street1', org.east!);
      const birthOf = (id: string) => one<{ birthDate: string }>(db(), sql`SELECT birth_date AS "birthDate" FROM member WHERE id = ${id}`);
      const aBirth = (await birthOf(a.id))!.birthDate;
      const aBand = bandOfAge(wholeYears(aBirth, today));
      await db().execute(sql`ALTER TABLE member DROP CONSTRAINT member_gender_chk`);
      await db().execute(sql`ALTER TABLE member ALTER COLUMN gender DROP NOT NULL, ALTER COLUMN birth_date DROP NOT NULL`);
      try {
        await db().execute(sql`UPDATE member SET gender = NULL WHERE id = ${a.id}`);
        await db().execute(sql`UPDATE member SET birth_date = NULL WHERE id = ${b.id}`);
        await db().execute(sql`UPDATE member SET gender = 'other', birth_date = NULL WHERE id = ${c.id}`);
        const o = await overview('street1', org.east!);
        assertAddsUp(o, 'east');
        assert.deepEqual(o.agePyramid, await direct(org.east!, today));
        assert.equal(o.members.total, before.members.total + 3);
        assert.equal(o.members.byAgeBand.unknown, before.members.byAgeBand.unknown! + 2);
        assert.equal(o.members.byGender.unknown, before.members.byGender.unknown! + 2);
        const row = (p: Pyramid, b: string) => p.find((r) => r.band === b)!;
        const unknownBand = row(o.agePyramid, 'unknown');
        assert.deepEqual(
          { female: unknownBand.female, unknown: unknownBand.unknown, male: unknownBand.male },
          { female: row(before.agePyramid, 'unknown').female + 1, unknown: row(before.agePyramid, 'unknown').unknown + 1, male: row(before.agePyramid, 'unknown').male },
        );
        assert.equal(row(o.agePyramid, aBand).unknown, row(mid.agePyramid, aBand).unknown + 1, 'gender unknown, in its band');
        // A past date reads the same keys from history (the street's other changes since are the seed's leavings).
        const yesterday = addDays(today, -1);
        const past = await overview('street1', org.east!, yesterday);
        assertAddsUp(past, 'east yesterday');
        assert.deepEqual(row(past.agePyramid, 'unknown'), unknownBand);
        assert.equal(row(past.agePyramid, bandOfAge(wholeYears(aBirth, yesterday))).unknown, 1);
      } finally {
        await db().execute(sql`UPDATE member SET gender = 'male', birth_date = '1980-01-01' WHERE id IN (${a.id}, ${b.id}, ${c.id})`);
        await db().execute(sql`ALTER TABLE member ALTER COLUMN gender SET NOT NULL, ALTER COLUMN birth_date SET NOT NULL`);
        await db().execute(sql`ALTER TABLE member ADD CONSTRAINT member_gender_chk CHECK (gender IN ('male','female'))`);
      }
    });

    test('a past asOf comes from history: the pyramid equals a member-by-member count as of that date', async () => {
      for (const asOf of ['2026-06-30', '2020-01-15']) {
        const o = await overview('district', org.south!, asOf);
        assertAddsUp(o, asOf);
        assert.deepEqual(o.agePyramid, await direct(org.south!, asOf), asOf);
      }
    });
  });
}
