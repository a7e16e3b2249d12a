import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db/db.ts';
import { engines, openTestServer, type TestServer } from './harness.ts';

/**
 * No plaintext ID number, phone or address anywhere in the database, audit payloads included
 * (ARCHITECTURE §7; security-requirements §2.1 8.1.4.8 b, §3.1 8.4 e, goal G15).
 */

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string) => '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11]!;
const isRealId = (id: string) => {
  const d = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d && checkChar(id.slice(0, 17)) === id[17]!.toUpperCase();
};

/** A candidate ID or mobile number standing on its own: not inside a longer run of hex/base64 characters. */
const EDGE = '[^0-9A-Za-z+/=]';
const ID_RE = `(^|${EDGE})[1-9][0-9]{16}[0-9Xx]($|${EDGE})`;
const PHONE_RE = `(^|${EDGE})1[3-9][0-9]{9}($|${EDGE})`;

interface Column {
  schema: string;
  table: string;
  column: string;
  type: string;
}

for (const engine of engines) {
  describe(`PII at rest (${engine})`, () => {
    let s: TestServer;
    const db = (): Db => s.platform.database.db;
    const created = {
      idNumber: '65010219880808357', // 17 digits; the check character is added below
      phone: '13987654321',
      phone2: '15912348765',
      address: '测试市明德区隐私路 88 号 3 单元 501 室',
      name: '隐私测试党员',
    };
    const idNumber = created.idNumber + checkChar(created.idNumber);
    let createdId: string;
    const seeded: { id: string; idNumber: string; phone: string | null }[] = [];

    before(async () => {
      s = await openTestServer(engine);
      const district = await s.login('district');
      const list = await s.request({ method: 'GET', url: '/api/members?pageSize=8', cookie: district });
      assert.equal(list.statusCode, 200, list.body);
      for (const m of list.json().items as { id: string }[]) {
        const res = await s.request({ method: 'GET', url: `/api/members/${m.id}?unmask=idNumber,phone&reason=${encodeURIComponent('核查')}`, cookie: district });
        assert.equal(res.statusCode, 200, res.body);
        const f = res.json();
        assert.ok(isRealId(f.idNumber), `unmasked ${f.idNumber}`);
        seeded.push({ id: m.id, idNumber: f.idNumber, phone: f.phone });
      }
      assert.ok(seeded.filter((x) => x.phone).length >= 3, 'some seeded members have phones');

      // A member registered through the API with known values, then edited, then looked up.
      const branch1 = await s.login('branch1');
      const me = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: branch1 })).json();
      const orgId = me.grants.find((g: { role: string }) => g.role === 'secretary').orgId;
      const res = await s.request({
        method: 'POST',
        url: '/api/members',
        cookie: branch1,
        body: { orgId, name: created.name, idNumber, gender: 'male', birthDate: '1988-08-08', joinedOn: '2012-07-01', fullMemberOn: '2013-07-01', status: 'full', category: 'resident', phone: created.phone, address: created.address },
      });
      assert.equal(res.statusCode, 201, res.body);
      createdId = res.json().id;
      const patch = await s.request({ method: 'PATCH', url: `/api/members/${createdId}`, cookie: branch1, body: { phone: created.phone2, notes: '更换了手机号' } });
      assert.equal(patch.statusCode, 200, patch.body);
      const unmasked = await s.request({ method: 'GET', url: `/api/members/${createdId}?unmask=idNumber,phone,address&reason=${encodeURIComponent('核查')}`, cookie: district });
      assert.equal(unmasked.json().idNumber, idNumber);
      assert.equal(unmasked.json().phone, created.phone2);
      assert.equal(unmasked.json().address, created.address);
      // Lookups and mistyped logins carrying PII must not leave it behind either.
      await s.request({ method: 'GET', url: `/api/members?q=${created.phone2}`, cookie: branch1 });
      await s.request({ method: 'GET', url: `/api/members?q=${idNumber}`, cookie: branch1 });
      await s.request({ method: 'POST', url: '/api/auth/login', body: { username: idNumber, password: 'Wrong#1pass' } });
      await s.request({ method: 'POST', url: '/api/auth/login', body: { username: created.phone2, password: 'Wrong#1pass' } });
      await s.flushAudit();
    });
    after(() => s.stop());

    async function textColumns(): Promise<Column[]> {
      return rows<Column>(
        db(),
        sql`SELECT c.table_schema AS schema, c.table_name AS "table", c.column_name AS "column", c.data_type AS type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
              AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar')))
            ORDER BY 1, 2, 3`,
      );
    }
    const asText = (c: Column) => {
      const ident = sql`${sql.identifier(c.schema)}.${sql.identifier(c.table)}`;
      const col = sql.identifier(c.column);
      return { from: ident, text: c.type === 'bytea' ? sql`encode(${col}, 'escape')` : sql`${col}::text` };
    };

    /** Every stored text value, in every table, that contains one of the needles. */
    async function findPlain(needles: string[]): Promise<string[]> {
      const hits: string[] = [];
      const patterns = needles.map((n) => `%${n.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      for (const c of await textColumns()) {
        const { from, text } = asText(c);
        const found = await rows<{ v: string }>(db(), sql`SELECT ${text} AS v FROM ${from} WHERE ${text} LIKE ANY (ARRAY[${sql.join(
          patterns.map((p) => sql`${p}`),
          sql`, `,
        )}]::text[]) LIMIT 3`);
        for (const f of found) hits.push(`${c.table}.${c.column}: ${f.v.slice(0, 200)}`);
      }
      return hits;
    }

    test('the scan covers every text, varchar and json column, including the encrypted and audit columns', async () => {
      const cols = (await textColumns()).map((c) => `${c.table}.${c.column}`);
      for (const must of ['member.id_number_enc', 'member.phone_enc', 'member.address_enc', 'member.notes', 'member_event.details', 'audit_event.details', 'audit_event.actor_username', 'account.username', 'session.id', 'org.name']) {
        assert.ok(cols.includes(must), `${must} is scanned`);
      }
      // Positive control: a value stored in plaintext by design is found.
      const control = await findPlain([created.name]);
      assert.ok(control.some((h) => h.startsWith('member.name')), JSON.stringify(control));
    });

    test('the new member’s ID number, both phone numbers and the address appear nowhere in plaintext', async () => {
      const needles = [idNumber, idNumber.toLowerCase(), idNumber.slice(6), created.phone, created.phone2, created.address];
      assert.deepEqual(await findPlain(needles), []);
    });

    test('the seeded members’ real ID numbers and phones (learned by unmasking) appear nowhere in plaintext', async () => {
      const needles = seeded.flatMap((m) => [m.idNumber, m.idNumber.slice(6), ...(m.phone ? [m.phone] : [])]);
      assert.ok(needles.length >= 2 * seeded.length);
      assert.deepEqual(await findPlain(needles), []);
    });

    test('no value anywhere looks like a valid 18-character ID number or a stand-alone mobile number', async () => {
      const hits: string[] = [];
      for (const c of await textColumns()) {
        const { from, text } = asText(c);
        const ids = await rows<{ v: string }>(db(), sql`SELECT ${text} AS v FROM ${from} WHERE ${text} ~ ${ID_RE} LIMIT 50`);
        for (const { v } of ids) {
          for (const m of v.matchAll(/[1-9][0-9]{16}[0-9Xx]/g)) if (isRealId(m[0])) hits.push(`${c.table}.${c.column}: ID-like ${m[0]}`);
        }
        const phones = await rows<{ v: string }>(db(), sql`SELECT ${text} AS v FROM ${from} WHERE ${text} ~ ${PHONE_RE} LIMIT 5`);
        for (const { v } of phones) hits.push(`${c.table}.${c.column}: phone-like in ${v.slice(0, 120)}`);
      }
      assert.deepEqual(hits, []);
    });

    test('unmasked reads are audited with the fields and the reason, and the audit event holds no PII', async () => {
      const ev = await rows<{ actor: string; result: string; targetType: string; targetOrgPath: string | null; details: { fields: string[]; reason: string } }>(
        db(),
        sql`SELECT actor_username AS actor, result, target_type AS "targetType", target_org_path AS "targetOrgPath", details
            FROM audit_event WHERE action = 'member.pii.unmask' AND target_id = ${seeded[0]!.id}`,
      );
      assert.equal(ev.length, 1);
      assert.equal(ev[0]!.actor, 'district');
      assert.equal(ev[0]!.result, 'ok');
      assert.equal(ev[0]!.targetType, 'member');
      assert.ok(ev[0]!.targetOrgPath);
      assert.deepEqual(ev[0]!.details, { fields: ['idNumber', 'phone'], reason: '核查' });
      const all = await rows<{ details: unknown }>(db(), sql`SELECT details FROM audit_event WHERE action = 'member.pii.unmask'`);
      assert.equal(all.length, seeded.length + 1);
      const text = JSON.stringify(all);
      for (const v of [idNumber, created.phone, created.phone2, created.address, ...seeded.flatMap((m) => [m.idNumber, m.phone ?? 'none'])]) assert.ok(!text.includes(v), v);
      const createdEv = await rows<{ details: { fields: string[] } }>(db(), sql`SELECT details FROM audit_event WHERE action = 'member.pii.unmask' AND target_id = ${createdId}`);
      assert.deepEqual(createdEv[0]!.details.fields, ['idNumber', 'phone', 'address']);
    });

    test('an unmask without a reason is refused, shows nothing unmasked and writes no unmask event', async () => {
      const before = (await rows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member.pii.unmask'`))[0]!.n;
      const res = await s.request({ method: 'GET', url: `/api/members/${createdId}?unmask=idNumber`, cookie: await s.login('district') });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode}`);
      assert.ok(!res.body.includes(idNumber));
      const masked = await s.request({ method: 'GET', url: `/api/members/${createdId}`, cookie: await s.login('district') });
      assert.equal(masked.json().idNumber, `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      assert.equal(masked.json().phone, `${created.phone2.slice(0, 3)}****${created.phone2.slice(-4)}`);
      await s.flushAudit();
      assert.equal((await rows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member.pii.unmask'`))[0]!.n, before);
    });
  });
}
