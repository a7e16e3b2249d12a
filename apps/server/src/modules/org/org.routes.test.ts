import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';

interface Node {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  children: Node[];
  hasChildren?: boolean;
  dissolved?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

function flatten(nodes: Node[], out: Node[] = []): Node[] {
  for (const n of nodes) {
    out.push(n);
    flatten(n.children, out);
  }
  return out;
}

function byName(nodes: Node[], name: string): Node {
  const found = flatten(nodes).find((n) => n.name === name);
  assert.ok(found, `org ${name} not in tree`);
  return found;
}

function assertError(res: LightMyRequestResponse, status: number, code: string, path?: string) {
  assert.equal(res.statusCode, status, res.body);
  const body = res.json();
  assert.equal(body.error.code, code, res.body);
  assert.equal(typeof body.error.message, 'string');
  if (path !== undefined) assert.ok(body.error.details?.some((d: { path: string }) => d.path === path), `details should name ${path}: ${res.body}`);
}

for (const engine of engines) {
  describe(`org API (${engine})`, () => {
    let s: TestServer;
    let tree: Node[];
    let root: Node;
    let street1: Node;
    let street2: Node;
    let chunhui: Node; // community1's 社区党委
    let chaoyang: Node; // another community under street1
    let branch1: Node;
    let branch2: Node;
    let created: { id: string; code: string };

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, body, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    };
    const view = async (user: string, id: string) => {
      const res = await call(user, 'GET', `/api/orgs/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const memberTotal = async (user: string, orgId: string) => {
      const res = await call(user, 'GET', `/api/members?orgId=${orgId}&pageSize=1`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().total as number;
    };

    before(async () => {
      s = await openTestServer(engine);
      tree = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('district') })).json();
      root = tree[0]!;
      street1 = byName(tree, '中共明德区东城街道党工委');
      street2 = byName(tree, '中共明德区西城街道党工委');
      chunhui = byName(tree, '中共明德区东城街道春晖社区委员会');
      chaoyang = byName(tree, '中共明德区东城街道朝阳社区委员会');
      branch1 = byName(tree, '春晖社区第一网格党支部');
      branch2 = byName(tree, '和平社区第一网格党支部');
    });
    after(() => s.stop());

    test('三员分立: the 系统管理员 sees an org’s structure but not who serves in its leadership', async () => {
      const byDistrict = await call('district', 'GET', `/api/orgs/${branch1.id}`);
      assert.ok(byDistrict.json().leadership.length >= 3, 'branch1 has a committee');
      const byAdmin = await call('admin', 'GET', `/api/orgs/${branch1.id}`);
      assert.equal(byAdmin.statusCode, 200);
      assert.deepEqual(byAdmin.json().leadership, []);
      assert.equal(byAdmin.json().code, byDistrict.json().code);
    });

    test('GET /api/orgs/tree: an array of covered roots only, never their ancestors', async () => {
      const district = await call('district', 'GET', '/api/orgs/tree');
      assert.equal(district.statusCode, 200);
      const roots = district.json() as Node[];
      assert.equal(roots.length, 1);
      assert.equal(roots[0]!.name, '中共明德区委员会');
      assert.equal(roots[0]!.parentId, null);
      assert.equal(roots[0]!.depth, 0);
      assert.equal(roots[0]!.code, '001');

      const c1 = (await call('community1', 'GET', '/api/orgs/tree')).json() as Node[];
      assert.equal(c1.length, 1, 'community1 sees exactly one root');
      assert.equal(c1[0]!.id, chunhui.id);
      assert.equal(c1[0]!.parentId, street1.id, 'the root keeps its parentId');
      const names = flatten(c1).map((n) => n.name);
      assert.ok(!names.includes(street1.name) && !names.includes(root.name), 'no ancestors in the tree');
      assert.ok(flatten(c1).every((n) => n.code.startsWith(chunhui.code)));
      assert.ok(names.includes(branch1.name));
      // Every node has the documented shape.
      for (const n of flatten(c1)) {
        assert.match(n.id, UUID);
        assert.equal(typeof n.depth, 'number');
        assert.ok(Array.isArray(n.children));
      }
    });

    test('GET /api/orgs/tree?rootId=&depth= loads lazily with hasChildren', async () => {
      const res = await call('district', 'GET', `/api/orgs/tree?rootId=${street1.id}&depth=1`);
      assert.equal(res.statusCode, 200, res.body);
      const roots = res.json() as Node[];
      assert.equal(roots.length, 1);
      const r = roots[0]!;
      assert.equal(r.id, street1.id);
      assert.equal(r.hasChildren, undefined, 'loaded children: no hasChildren flag');
      assert.ok(r.children.length > 0);
      const community = r.children.find((c) => c.id === chunhui.id)!;
      assert.ok(community, 'direct children are loaded');
      assert.deepEqual(community.children, []);
      assert.equal(community.hasChildren, true);
      const leaf = r.children.find((c) => c.name === '东城街道机关党支部')!;
      assert.deepEqual(leaf.children, []);
      assert.equal(leaf.hasChildren, undefined, 'a leaf has no hasChildren');

      const zero = (await call('community1', 'GET', '/api/orgs/tree?depth=0')).json() as Node[];
      assert.equal(zero.length, 1);
      assert.deepEqual(zero[0]!.children, []);
      assert.equal(zero[0]!.hasChildren, true);

      // A lower-level caller may lazy-load inside its own subtree.
      const inside = await call('community1', 'GET', `/api/orgs/tree?rootId=${branch1.id}&depth=1`);
      assert.equal(inside.statusCode, 200);
      assert.equal((inside.json() as Node[])[0]!.children.length, 2);
    });

    test('GET /api/orgs/tree: out-of-scope rootId → 404, bad depth or rootId → 400, anonymous → 401', async () => {
      assertError(await call('community1', 'GET', `/api/orgs/tree?rootId=${street2.id}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', `/api/orgs/tree?rootId=${street1.id}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', `/api/orgs/tree?rootId=${MISSING}`), 404, 'NOT_FOUND');
      for (const depth of ['abc', '-1', '1.5', '21']) assertError(await call('district', 'GET', `/api/orgs/tree?depth=${depth}`), 400, 'VALIDATION_FAILED', 'depth');
      assertError(await call('district', 'GET', '/api/orgs/tree?rootId=not-a-uuid'), 400, 'VALIDATION_FAILED', 'rootId');
      assertError(await call('district', 'GET', '/api/orgs/tree?includeDissolved=yes'), 400, 'VALIDATION_FAILED', 'includeDissolved');
      assertError(await call(null, 'GET', '/api/orgs/tree'), 401, 'AUTH_REQUIRED');
    });

    test('GET /api/orgs/:id: ancestors, leadership, warnings, counts', async () => {
      const v = await view('street1', branch1.id);
      assert.equal(v.id, branch1.id);
      assert.equal(v.code, branch1.code);
      assert.equal(v.kind, 'branch');
      assert.equal(v.domain, 'community');
      assert.deepEqual(
        v.ancestors.map((a: { name: string }) => a.name),
        [root.name, street1.name, chunhui.name],
      );
      assert.deepEqual(
        v.ancestors.map((a: { id: string }) => a.id),
        [root.id, street1.id, chunhui.id],
      );
      assert.ok(v.leadership.length >= 3, 'the demo branch has a committee');
      assert.equal(v.leadership[0].position, 'secretary');
      assert.equal(v.termYears, 5);
      assert.equal(v.electionDue, v.termEnd);
      assert.deepEqual(v.warnings, []);
      for (const k of ['members', 'fullMembers', 'probationary', 'children']) assert.equal(typeof v.counts[k], 'number', k);
      assert.equal(v.counts.members, v.counts.fullMembers + v.counts.probationary);
      assert.ok(v.counts.fullMembers >= 7);
      assert.equal(v.counts.children, 2, 'two 党小组');
      assert.equal(v.counts.members, await memberTotal('street1', branch1.id));

      // A branch with a deliberate problem carries its warning in the view.
      const temp = byName(tree, '老旧小区改造项目临时党支部');
      const tv = await view('street1', temp.id);
      assert.ok(tv.warnings.some((w: { code: string }) => w.code === 'BRANCH_TOO_FEW_FULL_MEMBERS'));
      assert.equal(tv.termYears, null, 'a temporary branch has no term');

      const top = await view('district', root.id);
      assert.deepEqual(top.ancestors, []);
      assert.equal(top.parentId, null);
      assert.ok(top.counts.members > 5000);
    });

    test('GET /api/orgs/:id: out of scope → 404, malformed → 400, no org.read → 403', async () => {
      assertError(await call('community1', 'GET', `/api/orgs/${chaoyang.id}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', `/api/orgs/${street1.id}`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch2.id}`), 404, 'NOT_FOUND');
      assertError(await call('district', 'GET', `/api/orgs/${MISSING}`), 404, 'NOT_FOUND');
      assertError(await call('district', 'GET', '/api/orgs/123'), 400, 'VALIDATION_FAILED', 'id');
      assertError(await call('member1', 'GET', `/api/orgs/${branch1.id}`), 403, 'FORBIDDEN');
      assertError(await call(null, 'GET', `/api/orgs/${branch1.id}`), 401, 'AUTH_REQUIRED');
    });

    test('GET /api/orgs/:id/warnings on the 区委 finds each deliberate problem, none on the demo branches', async () => {
      const res = await call('district', 'GET', `/api/orgs/${root.id}/warnings?pageSize=100`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(typeof body.total, 'number');
      assert.equal(body.items.length, body.total);
      const codes = new Set(body.items.map((w: { code: string }) => w.code));
      for (const code of ['BRANCH_TOO_FEW_FULL_MEMBERS', 'BRANCH_TOO_MANY_MEMBERS', 'BRANCH_COMMITTEE_MISSING', 'TERM_EXPIRED', 'ELECTION_DUE_SOON', 'GROUP_OUTSIDE_BRANCH']) {
        assert.ok(codes.has(code), `missing ${code}`);
      }
      for (const w of body.items) {
        assert.ok(w.message.length > 0 && w.article.length > 0);
        assert.notEqual(w.orgId, branch1.id);
        assert.notEqual(w.orgId, branch2.id);
      }
      const paged = (await call('district', 'GET', `/api/orgs/${root.id}/warnings?pageSize=5&page=2`)).json();
      assert.equal(paged.total, body.total);
      assert.deepEqual(paged.items, body.items.slice(5, 10));
      // A subtree sees only its own warnings.
      const s1 = (await call('street1', 'GET', `/api/orgs/${street1.id}/warnings?pageSize=100`)).json();
      const s1Ids = new Set(flatten([street1]).map((n) => n.id));
      assert.ok(s1.items.length > 0 && s1.items.every((w: { orgId: string }) => s1Ids.has(w.orgId)));

      assertError(await call('community1', 'GET', `/api/orgs/${root.id}/warnings`), 404, 'NOT_FOUND');
      assertError(await call('district', 'GET', `/api/orgs/${root.id}/warnings?page=0`), 400, 'VALIDATION_FAILED', 'page');
      assertError(await call('district', 'GET', `/api/orgs/${root.id}/warnings?pageSize=101`), 400, 'VALIDATION_FAILED', 'pageSize');
    });

    test('GET /api/orgs/directory: every staff account can search; members cannot', async () => {
      for (const user of ['auditor', 'community1', 'branch1']) {
        const res = await call(user, 'GET', `/api/orgs/directory?q=${encodeURIComponent('春晖')}&pageSize=100`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.ok(body.total > 5 && body.items.length === body.total);
        assert.ok(body.items.every((e: { name: string }) => e.name.includes('春晖')));
        const b1 = body.items.find((e: { id: string }) => e.id === branch1.id);
        assert.deepEqual(b1.ancestors, [root.name, street1.name, chunhui.name]);
        assert.equal(b1.dissolved, false);
      }
      // Beyond the subtree, by design: community1 finds a 西城 org to pick as a target.
      const far = (await call('community1', 'GET', `/api/orgs/directory?q=${encodeURIComponent('和平社区第一网格')}`)).json();
      assert.deepEqual(
        far.items.map((e: { id: string }) => e.id),
        [branch2.id],
      );
      const byCode = (await call('auditor', 'GET', `/api/orgs/directory?q=${branch1.code}`)).json();
      assert.ok(byCode.items.every((e: { code: string }) => e.code.startsWith(branch1.code)) && byCode.total === 3);
      const none = (await call('auditor', 'GET', `/api/orgs/directory?q=${encodeURIComponent("%' OR 1=1 --")}`)).json();
      assert.equal(none.total, 0);

      assertError(await call('member1', 'GET', '/api/orgs/directory'), 403, 'FORBIDDEN');
      assertError(await call('auditor', 'GET', `/api/orgs/directory?q=${'x'.repeat(51)}`), 400, 'VALIDATION_FAILED', 'q');
      assertError(await call('auditor', 'GET', '/api/orgs/directory?pageSize=0'), 400, 'VALIDATION_FAILED', 'pageSize');
    });

    test('POST /api/orgs: 201 with the full resource and a system-assigned code', async () => {
      const before = (await view('community1', chunhui.id)).counts.children;
      const res = await call('community1', 'POST', '/api/orgs', { parentId: chunhui.id, name: '春晖社区测试党支部', kind: 'branch', domain: 'community', unitName: '春晖社区居委会' });
      assert.equal(res.statusCode, 201, res.body);
      const o = res.json();
      assert.match(o.id, UUID);
      assert.match(o.code, new RegExp(`^${chunhui.code}\\d{3}$`));
      const siblings = flatten([chunhui]).filter((n) => n.parentId === chunhui.id).map((n) => n.code);
      assert.ok(!siblings.includes(o.code), 'a fresh code');
      assert.equal(o.code, `${chunhui.code}${String(siblings.length + 1).padStart(3, '0')}`);
      assert.equal(o.name, '春晖社区测试党支部');
      assert.equal(o.kind, 'branch');
      assert.equal(o.parentId, chunhui.id);
      assert.equal(o.depth, chunhui.depth + 1);
      assert.equal(o.unitName, '春晖社区居委会');
      assert.deepEqual(
        o.ancestors.map((a: { id: string }) => a.id),
        [root.id, street1.id, chunhui.id],
      );
      assert.deepEqual(o.counts, { members: 0, fullMembers: 0, probationary: 0, children: 0 });
      assert.deepEqual(o.leadership, []);
      assert.equal(o.dissolved, false);
      assert.equal(o.termYears, 5);
      assert.ok(o.warnings.some((w: { code: string }) => w.code === 'BRANCH_TOO_FEW_FULL_MEMBERS'));
      // Reads return the same shape.
      assert.deepEqual(await view('community1', o.id), o);
      assert.equal((await view('community1', chunhui.id)).counts.children, before + 1);
      created = { id: o.id, code: o.code };

      // A 党小组 under the new branch gets the branch's code plus a segment.
      const g = await call('community1', 'POST', '/api/orgs', { parentId: o.id, name: '测试党小组', kind: 'group', domain: 'community' });
      assert.equal(g.statusCode, 201, g.body);
      assert.equal(g.json().code, `${o.code}001`);
    });

    test('POST /api/orgs refuses bad input, wrong kinds and parents out of scope, writing nothing', async () => {
      const countBefore = flatten((await call('district', 'GET', '/api/orgs/tree')).json()).length;
      const notAllowed = await call('community1', 'POST', '/api/orgs', { parentId: branch1.id, name: '支部下的支部', kind: 'branch', domain: 'community' });
      assertError(notAllowed, 422, 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT', 'kind');
      assertError(await call('district', 'POST', '/api/orgs', { parentId: root.id, name: '第二个区委', kind: 'local_committee', domain: 'government' }), 422, 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT', 'kind');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: chaoyang.id, name: '越权党支部', kind: 'branch', domain: 'community' }), 404, 'NOT_FOUND', 'parentId');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: street1.id, name: '越权党支部', kind: 'branch', domain: 'community' }), 404, 'NOT_FOUND', 'parentId');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: MISSING, name: '无上级党支部', kind: 'branch', domain: 'community' }), 404, 'NOT_FOUND', 'parentId');
      assertError(await call('district', 'POST', '/api/orgs', { parentId: null, name: '新区委', kind: 'local_committee', domain: 'government' }), 422, 'ORG_PARENT_REQUIRED', 'parentId');

      const bad = await call('community1', 'POST', '/api/orgs', { parentId: chunhui.id, name: 'x', kind: 'club', domain: 'community' });
      assertError(bad, 400, 'VALIDATION_FAILED', 'name');
      assert.ok(bad.json().error.details.some((d: { path: string }) => d.path === 'kind'));
      assert.match(bad.json().error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: chunhui.id, name: '缺领域党支部', kind: 'branch' }), 400, 'VALIDATION_FAILED', 'domain');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: 'abc', name: '坏上级党支部', kind: 'branch', domain: 'community' }), 400, 'VALIDATION_FAILED', 'parentId');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: chunhui.id, name: '坏信用代码党支部', kind: 'branch', domain: 'community', unitCreditCode: '123' }), 400, 'VALIDATION_FAILED', 'unitCreditCode');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: chunhui.id, name: '坏网格党支部', kind: 'branch', domain: 'community', gridId: MISSING }), 404, 'ORG_GRID_NOT_FOUND', 'gridId');
      assertError(await call('community1', 'POST', '/api/orgs', [1, 2]), 400, 'VALIDATION_FAILED');
      assertError(await call('branch1', 'POST', '/api/orgs', { parentId: branch1.id, name: '书记建的小组', kind: 'group', domain: 'community' }), 403, 'FORBIDDEN');
      assertError(await call('member1', 'POST', '/api/orgs', { parentId: branch1.id, name: '党员建的小组', kind: 'group', domain: 'community' }), 403, 'FORBIDDEN');
      const countAfter = flatten((await call('district', 'GET', '/api/orgs/tree')).json()).length;
      assert.equal(countAfter, countBefore, 'no partial write');
    });

    test('PATCH /api/orgs/:id renames and writes org.rename; bad input 400; out of scope 404', async () => {
      const before = await view('community1', created.id);
      const res = await call('community1', 'PATCH', `/api/orgs/${created.id}`, { name: '春晖社区试点党支部', shortName: '试点支部' });
      assert.equal(res.statusCode, 200, res.body);
      const o = res.json();
      assert.equal(o.name, '春晖社区试点党支部');
      assert.equal(o.shortName, '试点支部');
      assert.equal(o.code, before.code, 'a rename keeps the code');
      assert.equal(o.version, before.version + 1);
      const audit = await call('auditor', 'GET', `/api/audit/events?action=org.rename&targetId=${created.id}`);
      assert.equal(audit.statusCode, 200, audit.body);
      const ev = audit.json().items;
      assert.equal(ev.length, 1);
      assert.equal(ev[0].actorUsername, 'community1');
      assert.deepEqual(
        { oldName: ev[0].details.oldName, newName: ev[0].details.newName },
        { oldName: '春晖社区测试党支部', newName: '春晖社区试点党支部' },
      );

      assertError(await call('community1', 'PATCH', `/api/orgs/${created.id}`, { name: 'x' }), 400, 'VALIDATION_FAILED', 'name');
      assertError(await call('community1', 'PATCH', `/api/orgs/${created.id}`, { code: '999' }), 400, 'VALIDATION_FAILED', 'code');
      assertError(await call('community1', 'PATCH', `/api/orgs/${created.id}`, { parentId: chaoyang.id }), 400, 'VALIDATION_FAILED', 'parentId');
      assertError(await call('community1', 'PATCH', `/api/orgs/${created.id}`, { domain: 'moon' }), 400, 'VALIDATION_FAILED', 'domain');
      assertError(await call('community1', 'PATCH', `/api/orgs/${chaoyang.id}`, { name: '越权改名' }), 404, 'NOT_FOUND');
      assertError(await call('community1', 'PATCH', `/api/orgs/${street1.id}`, { name: '越权改名' }), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'PATCH', `/api/orgs/${branch1.id}`, { name: '书记改名' }), 403, 'FORBIDDEN');
      assert.equal((await view('community1', created.id)).name, '春晖社区试点党支部', 'refusals changed nothing');
    });

    test('PUT /api/orgs/:id/leadership: term end from the rules, election due = term end', async () => {
      const full = (await call('community1', 'GET', `/api/members?orgId=${branch1.id}&status=full&pageSize=5`)).json().items;
      const res = await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, {
        termStart: '2026-11-01',
        leaders: [
          { position: 'secretary', memberId: full[0].id },
          { position: 'organisation_member', memberId: full[1].id },
          { position: 'publicity_member', memberId: full[2].id },
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      const o = res.json();
      assert.equal(o.termStart, '2026-11-01');
      assert.equal(o.termEnd, '2031-11-01', 'community branch: 5 years');
      assert.equal(o.electionDue, o.termEnd);
      assert.deepEqual(
        o.leadership.map((l: { position: string; memberId: string; name: string }) => [l.position, l.memberId, l.name]),
        [
          ['secretary', full[0].id, full[0].name],
          ['organisation_member', full[1].id, full[1].name],
          ['publicity_member', full[2].id, full[2].name],
        ],
      );
      assert.ok(o.leadership.every((l: { startedOn: string }) => l.startedOn === '2026-11-01'));
      assert.deepEqual(o.warnings, []);

      // A non-community branch: 3 years.
      const gov = byName(tree, '东城街道机关党支部');
      const govMember = (await call('street1', 'GET', `/api/members?orgId=${gov.id}&status=full&pageSize=1`)).json().items[0];
      const g = await call('street1', 'PUT', `/api/orgs/${gov.id}/leadership`, { termStart: '2026-11-01', leaders: [{ position: 'secretary', memberId: govMember.id }] });
      assert.equal(g.statusCode, 200, g.body);
      assert.equal(g.json().termEnd, '2029-11-01');
      assert.equal(g.json().electionDue, '2029-11-01');
    });

    test('PUT /api/orgs/:id/leadership refuses leaders from elsewhere, bad terms, bad input, out of scope', async () => {
      const before = await view('community1', branch1.id);
      const third = byName(tree, '春晖社区第三网格党支部');
      const stranger = (await call('community1', 'GET', `/api/members?orgId=${third.id}&pageSize=1`)).json().items[0];
      const own = (await call('community1', 'GET', `/api/members?orgId=${branch1.id}&status=full&pageSize=1`)).json().items[0];
      const res = await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, {
        termStart: '2026-11-10',
        leaders: [
          { position: 'secretary', memberId: own.id },
          { position: 'organisation_member', memberId: stranger.id },
        ],
      });
      assertError(res, 422, 'ORG_LEADER_NOT_MEMBER_OF_ORG', 'leaders.1.memberId');
      assertError(
        await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, { termStart: '2026-11-10', leaders: [{ position: 'secretary', memberId: MISSING }] }),
        422,
        'ORG_LEADER_NOT_MEMBER_OF_ORG',
        'leaders.0.memberId',
      );
      assertError(
        await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, { termStart: '2026-11-10', termEnd: '2026-01-01', leaders: [{ position: 'secretary', memberId: own.id }] }),
        422,
        'ORG_TERM_INVALID',
        'termEnd',
      );
      assertError(await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, { termStart: '2026-11-10', leaders: [] }), 400, 'VALIDATION_FAILED', 'leaders');
      assertError(await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, { termStart: '2026-02-30', leaders: [{ position: 'secretary', memberId: own.id }] }), 400, 'VALIDATION_FAILED', 'termStart');
      assertError(await call('community1', 'PUT', `/api/orgs/${branch1.id}/leadership`, { termStart: '2026-11-10', leaders: [{ position: 'king', memberId: own.id }] }), 400, 'VALIDATION_FAILED', 'leaders.0.position');
      const b2member = (await call('community2', 'GET', `/api/members?orgId=${branch2.id}&status=full&pageSize=1`)).json().items[0];
      assertError(await call('community1', 'PUT', `/api/orgs/${branch2.id}/leadership`, { termStart: '2026-11-10', leaders: [{ position: 'secretary', memberId: b2member.id }] }), 404, 'NOT_FOUND');
      const after = await view('community1', branch1.id);
      assert.deepEqual(after.leadership, before.leadership, 'no partial write');
      assert.equal(after.termEnd, before.termEnd);
    });

    test('POST /api/orgs/:id/move moves a whole subtree: codes follow, members follow', async () => {
      const moving = byName(tree, '春晖社区第二网格党支部');
      const groups = moving.children;
      assert.ok(groups.length >= 1 && groups.every((g) => g.kind === 'group'));
      const n = await memberTotal('street1', moving.id);
      assert.ok(n > 0);
      const oldCommunity = await memberTotal('street1', chunhui.id);
      const newCommunity = await memberTotal('street1', chaoyang.id);
      const sample = (await call('street1', 'GET', `/api/members?orgId=${moving.id}&pageSize=100`)).json().items as { id: string; groupId: string | null }[];
      const grouped = sample.find((m) => m.groupId !== null);
      assert.equal((await call('community1', 'GET', `/api/members/${sample[0]!.id}`)).statusCode, 200);

      const res = await call('street1', 'POST', `/api/orgs/${moving.id}/move`, { newParentId: chaoyang.id });
      assert.equal(res.statusCode, 200, res.body);
      const o = res.json();
      assert.equal(o.id, moving.id);
      assert.equal(o.parentId, chaoyang.id);
      assert.match(o.code, new RegExp(`^${chaoyang.code}\\d{3}$`));
      assert.notEqual(o.code, moving.code);
      assert.deepEqual(
        o.ancestors.map((a: { id: string }) => a.id),
        [root.id, street1.id, chaoyang.id],
      );
      assert.equal(o.counts.members, n);
      // The whole subtree was re-coded under the new prefix, keeping each descendant's own segment.
      const moved = (await call('street1', 'GET', `/api/orgs/tree?rootId=${moving.id}`)).json() as Node[];
      const groupsAfter = moved[0]!.children;
      assert.equal(groupsAfter.length, groups.length);
      for (const g of groups) {
        const after = groupsAfter.find((x) => x.id === g.id)!;
        assert.equal(after.code, o.code + g.code.slice(moving.code.length));
        assert.equal(after.depth, g.depth);
      }
      assert.ok(!flatten((await call('community1', 'GET', '/api/orgs/tree')).json()).some((x: Node) => x.id === moving.id));

      assert.equal(await memberTotal('street1', chaoyang.id), newCommunity + n, 'members listed under the new community');
      assert.equal(await memberTotal('street1', chunhui.id), oldCommunity - n, 'and no longer under the old one');
      const c1list = (await call('community1', 'GET', '/api/members?pageSize=100')).json();
      assert.equal(c1list.total, oldCommunity - n);
      assert.ok(c1list.items.every((m: { orgId: string }) => m.orgId !== moving.id));
      assertError(await call('community1', 'GET', `/api/members/${sample[0]!.id}`), 404, 'NOT_FOUND');
      if (grouped) {
        const file = (await call('street1', 'GET', `/api/members/${grouped.id}`)).json();
        assert.equal(file.groupId, grouped.groupId, '党小组 membership kept');
      }
      const ev = (await call('auditor', 'GET', `/api/audit/events?action=org.move&targetId=${moving.id}`)).json().items;
      assert.equal(ev.length, 1);
      assert.equal(ev[0].details.orgsMoved, 1 + groups.length);
    });

    test('POST /api/orgs/:id/move refuses its own subtree, targets out of scope, bad input', async () => {
      const before = await view('street1', chunhui.id);
      assertError(await call('street1', 'POST', `/api/orgs/${chunhui.id}/move`, { newParentId: branch1.id }), 422, 'ORG_MOVE_INTO_OWN_SUBTREE', 'newParentId');
      assertError(await call('street1', 'POST', `/api/orgs/${chunhui.id}/move`, { newParentId: chunhui.id }), 422, 'ORG_MOVE_INTO_OWN_SUBTREE', 'newParentId');
      assertError(await call('street1', 'POST', `/api/orgs/${branch1.id}/move`, { newParentId: byName(tree, '春晖社区第三网格党支部').id }), 422, 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT', 'newParentId');
      // Outside one's subtree: the target, or the org itself.
      const heping = byName(tree, '中共明德区西城街道和平社区委员会');
      assertError(await call('street1', 'POST', `/api/orgs/${branch1.id}/move`, { newParentId: heping.id }), 404, 'NOT_FOUND', 'newParentId');
      assertError(await call('community1', 'POST', `/api/orgs/${branch1.id}/move`, { newParentId: chaoyang.id }), 404, 'NOT_FOUND', 'newParentId');
      assertError(await call('community1', 'POST', `/api/orgs/${byName(tree, '朝阳社区第一网格党支部').id}/move`, { newParentId: chunhui.id }), 404, 'NOT_FOUND');
      assertError(await call('street1', 'POST', `/api/orgs/${branch1.id}/move`, { newParentId: 'nope' }), 400, 'VALIDATION_FAILED', 'newParentId');
      assertError(await call('street1', 'POST', `/api/orgs/${branch1.id}/move`, {}), 400, 'VALIDATION_FAILED', 'newParentId');
      assertError(await call('branch1', 'POST', `/api/orgs/${branch1.id}/move`, { newParentId: chaoyang.id }), 403, 'FORBIDDEN');
      const after = await view('street1', chunhui.id);
      assert.equal(after.code, before.code);
      assert.deepEqual(after.counts, before.counts, 'no partial write');
      assert.equal((await view('street1', branch1.id)).code, branch1.code);
    });

    test('POST /api/orgs/:id/dissolve: refused with members, allowed when empty, kept as history', async () => {
      const fifth = byName(tree, '春晖社区第五网格党支部');
      assert.deepEqual(fifth.children, []);
      assertError(await call('community1', 'POST', `/api/orgs/${fifth.id}/dissolve`, { reason: '合并支部', dissolvedOn: '2026-11-20' }), 422, 'ORG_HAS_ACTIVE_MEMBERS');
      assertError(await call('community1', 'POST', `/api/orgs/${branch1.id}/dissolve`, { reason: '合并支部', dissolvedOn: '2026-11-20' }), 422, 'ORG_HAS_ACTIVE_CHILDREN');
      // The new branch still has its 党小组: dissolve that first.
      const group = (await call('community1', 'GET', `/api/orgs/tree?rootId=${created.id}`)).json()[0].children[0];
      assert.equal((await call('community1', 'POST', `/api/orgs/${group.id}/dissolve`, { reason: '支部撤销', dissolvedOn: '2026-11-20' })).statusCode, 200);

      const res = await call('community1', 'POST', `/api/orgs/${created.id}/dissolve`, { reason: '试点结束', dissolvedOn: '2026-11-20' });
      assert.equal(res.statusCode, 200, res.body);
      const o = res.json();
      assert.equal(o.dissolved, true);
      assert.equal(o.dissolvedOn, '2026-11-20');
      assert.equal(o.dissolvedReason, '试点结束');
      assert.equal(o.code, created.code, 'the code stays');
      assert.deepEqual(await view('community1', created.id), o, 'GET still works');

      const visible = flatten((await call('community1', 'GET', '/api/orgs/tree')).json());
      assert.ok(!visible.some((n) => n.id === created.id), 'the tree omits it');
      const all = flatten((await call('community1', 'GET', '/api/orgs/tree?includeDissolved=true')).json());
      assert.equal(all.find((n) => n.id === created.id)?.dissolved, true);
      assert.equal((await view('community1', chunhui.id)).counts.children, visible.filter((n) => n.parentId === chunhui.id).length);
      const dir = (await call('auditor', 'GET', `/api/orgs/directory?q=${created.code}`)).json();
      assert.equal(dir.items[0].dissolved, true);

      assertError(await call('community1', 'POST', `/api/orgs/${created.id}/dissolve`, { reason: '再次撤销', dissolvedOn: '2026-11-21' }), 422, 'ORG_DISSOLVED');
      assertError(await call('community1', 'PATCH', `/api/orgs/${created.id}`, { name: '已撤销改名' }), 422, 'ORG_DISSOLVED');
      assertError(await call('community1', 'POST', '/api/orgs', { parentId: created.id, name: '撤销后的小组', kind: 'group', domain: 'community' }), 422, 'ORG_DISSOLVED', 'parentId');
    });

    test('POST /api/orgs/:id/dissolve: bad input 400, out of scope 404, top org refused', async () => {
      const fifth = byName(tree, '春晖社区第五网格党支部');
      assertError(await call('community1', 'POST', `/api/orgs/${fifth.id}/dissolve`, { dissolvedOn: '2026-11-20' }), 400, 'VALIDATION_FAILED', 'reason');
      assertError(await call('community1', 'POST', `/api/orgs/${fifth.id}/dissolve`, { reason: '合并支部', dissolvedOn: '20261120' }), 400, 'VALIDATION_FAILED', 'dissolvedOn');
      assertError(await call('community1', 'POST', `/api/orgs/${byName(tree, '朝阳社区第一网格党支部').id}/dissolve`, { reason: '越权撤销', dissolvedOn: '2026-11-20' }), 404, 'NOT_FOUND');
      assertError(await call('district', 'POST', `/api/orgs/${root.id}/dissolve`, { reason: '撤销区委', dissolvedOn: '2026-11-20' }), 422, 'ORG_PARENT_REQUIRED');
      assertError(await call('branch1', 'POST', `/api/orgs/${fifth.id}/dissolve`, { reason: '无权撤销', dissolvedOn: '2026-11-20' }), 403, 'FORBIDDEN');
      assert.equal((await view('community1', fifth.id)).dissolved, false);
    });

    test('grids: GET /api/orgs/:id/grids and POST /api/grids', async () => {
      const res = await call('branch1', 'GET', `/api/orgs/${branch1.id}/grids`);
      assert.equal(res.statusCode, 200, res.body);
      const grids = res.json() as { id: string; orgId: string; parentId: string | null; kind: string; name: string }[];
      assert.equal(grids.filter((g) => g.kind === 'grid').length, 5, "a branch picks from its community's grids");
      assert.ok(grids.every((g) => g.orgId === chunhui.id));
      const parentGrid = grids.find((g) => g.kind === 'grid')!;

      const g = await call('community1', 'POST', '/api/grids', { orgId: chunhui.id, kind: 'grid', name: '春晖社区第六网格' });
      assert.equal(g.statusCode, 201, g.body);
      assert.match(g.json().id, UUID);
      assert.deepEqual({ ...(g.json() as object), id: 'x' }, { id: 'x', orgId: chunhui.id, parentId: null, kind: 'grid', name: '春晖社区第六网格' });
      const b = await call('community1', 'POST', '/api/grids', { orgId: chunhui.id, parentId: g.json().id, kind: 'building', name: '春晖小区20号楼' });
      assert.equal(b.statusCode, 201, b.body);
      assert.equal(b.json().parentId, g.json().id);
      const after = (await call('branch1', 'GET', `/api/orgs/${branch1.id}/grids`)).json();
      assert.equal(after.length, grids.length + 2);

      assertError(await call('branch1', 'GET', `/api/orgs/${branch2.id}/grids`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', '/api/orgs/xyz/grids'), 400, 'VALIDATION_FAILED', 'id');
      assertError(await call('member1', 'GET', `/api/orgs/${branch1.id}/grids`), 403, 'FORBIDDEN');
      assertError(await call('community1', 'POST', '/api/grids', { orgId: chaoyang.id, kind: 'grid', name: '越权网格' }), 404, 'NOT_FOUND');
      const otherGrid = (await call('street1', 'GET', `/api/orgs/${chaoyang.id}/grids`)).json()[0];
      assert.notEqual(otherGrid.orgId, chunhui.id);
      assertError(await call('community1', 'POST', '/api/grids', { orgId: chunhui.id, parentId: otherGrid.id, kind: 'building', name: '别人的楼' }), 404, 'ORG_GRID_NOT_FOUND', 'parentId');
      assertError(await call('community1', 'POST', '/api/grids', { orgId: chunhui.id, kind: 'street', name: '' }), 400, 'VALIDATION_FAILED', 'kind');
      assertError(await call('community1', 'POST', '/api/grids', { orgId: chunhui.id, kind: 'grid', name: '' }), 400, 'VALIDATION_FAILED', 'name');
      assertError(await call('branch1', 'POST', '/api/grids', { orgId: branch1.id, kind: 'grid', name: '书记的网格' }), 403, 'FORBIDDEN');
      assert.equal((await call('branch1', 'GET', `/api/orgs/${branch1.id}/grids`)).json().length, grids.length + 2, 'refusals wrote nothing');
      assert.ok(parentGrid);
    });
  });
}
