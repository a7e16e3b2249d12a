/**
 * Authorization matrix (security-requirements §4.3): generated (actor × org position × target × action)
 * cases over the seeded demo district, each checked against an independent oracle
 * (test-support/authz-oracle.ts) — status codes, error codes, and for lists their contents and counts.
 * Every mismatch is collected; a test fails with a table of the first 30.
 *
 * Per engine: one test for the core matrix (orgs, members, PII unmasking, lists, tree, settings, grants,
 * audit, directory, ID collisions) and one for the edges (ids in bodies and filters, lazy tree roots,
 * history, warnings, the disabled account's login, a mass-assigned `bootstrap` flag). The oracle's world —
 * orgs, members, grants — is read straight from the database, never through the API under test.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { rolePermissions, roles, separatedDutyRoles, type Role } from '@xianfeng/contracts/account/account.permissions';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import {
  can,
  describeExpected,
  expect,
  isValidIdNumber,
  relation,
  scopeRoots,
  segments,
  validIdNumber,
  within,
  type Expected,
  type OracleActor,
  type OracleGrant,
  type OracleMember,
  type OracleOrg,
  type Relation,
} from '../../test-support/authz-oracle.ts';
import { systemCtx, type Actor, type Ctx } from '../../platform/context.ts';
import { rows, sql, type Db } from '../../platform/db/db.ts';
import { createAccount, grantRole } from './account.service.ts';
import { createOrg, dissolveOrg } from '../org/org.service.ts';
import { recordMemberLeaving } from '../member/member.service.ts';

const PASSWORD = 'Matrix@2026x';
const UNMASK_REASON = '工作需要核实';
const demoUsernames = ['admin', 'secadmin', 'auditor', 'district', 'street1', 'street2', 'community1', 'community2', 'branch1', 'branch2', 'recorder1', 'member1'];
const memberHolding = new Set(['branch', 'joint_branch', 'temporary_branch', 'general_branch']);

interface RtActor extends OracleActor {
  cookie: string | undefined;
}

interface Case {
  actor: RtActor;
  action: string;
  target: string;
  relation: Relation;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  body?: unknown;
  /** Computed just before the request when it depends on state earlier cases may change (grants). */
  expected: Expected | (() => Promise<Expected>);
  /** Runs just before the request (e.g. to note the state a list must reflect). */
  prepare?: () => Promise<void>;
  /** Body checks for a successful answer: a list of problems (empty when fine). */
  check?: (body: unknown) => Promise<string[]> | string[];
}

interface Mismatch {
  actor: string;
  position: string;
  action: string;
  target: string;
  relation: string;
  expected: string;
  actual: string;
}

interface ErrorAnswer {
  error?: { code?: string };
}
interface Page<T> {
  items: T[];
  total: number;
}
interface TreeNode {
  id: string;
  parentId: string | null;
  dissolved?: boolean;
  children: TreeNode[];
}

const byCode = (a: OracleOrg, b: OracleOrg) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function levelOf(o: OracleOrg): string {
  if (o.parentId === null) return 'district';
  if (o.kind === 'working_committee') return 'street';
  if (o.kind === 'committee') return o.domain === 'soe' ? 'soe-committee' : 'community';
  return o.kind === 'group' ? 'group' : 'branch';
}

function table(ms: Mismatch[]): string {
  const cols: (keyof Mismatch)[] = ['actor', 'position', 'action', 'target', 'relation', 'expected', 'actual'];
  const width = cols.map((c) => Math.min(60, Math.max(c.length, ...ms.map((m) => m[c].length))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, width[i]).padEnd(width[i]!)).join(' | ');
  return [line(cols), width.map((w) => '-'.repeat(w)).join('-+-'), ...ms.map((m) => line(cols.map((c) => m[c])))].join('\n');
}

for (const engine of engines) {
  void describe(`authorization matrix (${engine})`, () => {
    let s: TestServer;
    let matrix: Matrix;
    before(async () => {
      s = await openTestServer(engine);
      matrix = await buildMatrix(s, s.platform.database.db);
    });
    after(() => s.stop());

    void test('every generated (role × org position × target × action) case matches the oracle, lists and counts included', async () => {
      const r = await runCases(s, matrix.main);
      report(`${engine} matrix`, r, matrix.setupSeconds);
      // The fixture really contains every position the design asks for.
      for (const rel of ['self', 'ancestor', 'descendant', 'sibling', 'cousin', 'other-street', 'own-file'] as const) assert.ok(r.byRelation.has(rel), `no case with relation ${rel}`);
      assert.ok(r.cases >= 2000, `only ${r.cases} cases generated`);
      assert.equal(r.mismatches.length, 0, failure(r));
    });

    void test('ids in bodies and filters, lazy tree roots, history, warnings, disabled login, mass assignment', async () => {
      const r = await runCases(s, matrix.extended);
      report(`${engine} extended`, r);
      assert.equal(r.mismatches.length, 0, failure(r));
    });
  });
}

interface Matrix {
  main: Case[];
  extended: Case[];
  setupSeconds: string;
}

interface RunResult {
  cases: number;
  mismatches: Mismatch[];
  byAction: Map<string, number>;
  msByAction: Map<string, number>;
  byStatus: Map<string, number>;
  byRelation: Map<string, number>;
  /** Expected outcomes of the grant cases (status and acceptable codes). */
  grantOutcomes: Map<string, number>;
  seconds: string;
  cpuSeconds: string;
}

function report(label: string, r: RunResult, setupSeconds?: string) {
  const lines = [`[authz-matrix ${label}] ${r.cases} cases, ${r.mismatches.length} mismatches, ${r.seconds} s wall, ${r.cpuSeconds} s CPU${setupSeconds ? ` (setup ${setupSeconds} s)` : ''}`];
  for (const [action, n] of [...r.byAction].sort()) lines.push(`  ${action.padEnd(26)} ${String(n).padStart(5)} cases ${((r.msByAction.get(action) ?? 0) / 1000).toFixed(1).padStart(6)} s`);
  lines.push(`  by expected status: ${[...r.byStatus].sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  lines.push(`  by relation: ${[...r.byRelation].sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  lines.push(`  grant outcomes expected: ${[...r.grantOutcomes].sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  console.log(lines.join('\n'));
}

function failure(r: RunResult): string {
  const perAction = new Map<string, number>();
  for (const m of r.mismatches) perAction.set(m.action, (perAction.get(m.action) ?? 0) + 1);
  const summary = [...perAction].map(([a, n]) => `${a}: ${n}`).join(', ');
  return `${r.mismatches.length} of ${r.cases} cases disagree with the oracle (${summary}); first 30:\n${table(r.mismatches.slice(0, 30))}`;
}

async function buildMatrix(s: TestServer, db: Db): Promise<Matrix> {
  const setupStarted = Date.now();
  const loadOrgs = () =>
    rows<OracleOrg>(
      db,
      sql`SELECT id, path, parent_id AS "parentId", kind, domain, name, code, dissolved_on IS NOT NULL AS dissolved FROM org ORDER BY code`,
    );
  let orgs = await loadOrgs();
  const root = orgs.find((o) => o.parentId === null)!;
  const childrenOf = (o: OracleOrg) => orgs.filter((c) => c.parentId === o.id).sort(byCode);
  const streets = childrenOf(root).filter((o) => o.kind === 'working_committee');
  assert.equal(streets.length, 4, 'the demo district has four streets');
  const communitiesOf = (st: OracleOrg) => childrenOf(st).filter((o) => o.kind === 'committee' && o.domain === 'community');
  const soeOf = (st: OracleOrg) => childrenOf(st).find((o) => o.kind === 'committee' && o.domain === 'soe')!;
  const branchesOf = (o: OracleOrg) => childrenOf(o).filter((c) => memberHolding.has(c.kind));
  const [st0, st1, st2, st3] = streets as [OracleOrg, OracleOrg, OracleOrg, OracleOrg];

  // ---- Fixture changes, through the services, acting as a district org admin held in memory only ----
  const fixtureActor: Actor = {
    accountId: '00000000-0000-0000-0000-000000000000',
    username: 'system:authz-matrix',
    kind: 'staff',
    displayName: '授权矩阵测试',
    memberId: null,
    grants: [{ role: 'org_admin', orgId: root.id, orgPath: root.path, permissions: rolePermissions.org_admin }],
  };
  const fx: Ctx = { ...systemCtx(s.platform), actor: fixtureActor };
  const sys = systemCtx(s.platform);
  const today = s.platform.clock.today();
  // Dissolved orgs: a 党小组 under a community and a branch under a street (history, no members).
  const dGroup = await createOrg(fx, { parentId: communitiesOf(st2)[0]!.id, name: '矩阵测试已撤销党小组', kind: 'group', domain: 'community' });
  await dissolveOrg(fx, { id: dGroup.id, reason: '矩阵测试撤销', dissolvedOn: today });
  const dBranch = await createOrg(fx, { parentId: st3.id, name: '矩阵测试已撤销党支部', kind: 'branch', domain: 'other' });
  await dissolveOrg(fx, { id: dBranch.id, reason: '矩阵测试撤销', dissolvedOn: today });

  const demoGrants = await rows<{ username: string; role: Role; orgId: string; memberId: string | null }>(
    db,
    sql`SELECT a.username, g.role, g.org_id AS "orgId", a.member_id AS "memberId" FROM account a JOIN "grant" g ON g.account_id = a.id WHERE g.revoked_at IS NULL`,
  );
  const demoBranch1 = demoGrants.find((g) => g.username === 'branch1' && g.role === 'secretary')!.orgId;
  const demoBranch2 = demoGrants.find((g) => g.username === 'branch2' && g.role === 'secretary')!.orgId;
  const usedMemberIds = new Set(demoGrants.map((g) => g.memberId).filter((x): x is string => !!x));

  orgs = await loadOrgs();
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const orgByPath = new Map(orgs.map((o) => [o.path, o]));
  const grids = await rows<{ id: string; orgId: string }>(db, sql`SELECT id, org_id AS "orgId" FROM grid ORDER BY id`);
  const loadMembers = () =>
    rows<OracleMember>(db, sql`SELECT m.id, m.org_id AS "orgId", o.path, m.state FROM member m JOIN org o ON o.id = m.org_id ORDER BY o.code, m.id`);
  let members = await loadMembers();
  const freeMemberIn = (o: OracleOrg) => {
    const m = members.find((x) => x.state === 'active' && !usedMemberIds.has(x.id) && within(x.path, o.path));
    if (!m) throw new Error(`no free member under ${o.name}`);
    usedMemberIds.add(m.id);
    return m;
  };
  // Members who are not active: lists must not count them; a member who has left refuses edits.
  const b1 = orgById.get(demoBranch1)!;
  const soeBranch = branchesOf(soeOf(st1))[0]!;
  const leftB1 = freeMemberIn(b1);
  const suspendedB1 = freeMemberIn(b1);
  const leftSoe = freeMemberIn(soeBranch);
  await recordMemberLeaving(fx, { id: leftB1.id, kind: 'withdrawal', leftOn: today, reason: '矩阵测试：退党' });
  await recordMemberLeaving(fx, { id: leftSoe.id, kind: 'death', leftOn: today, reason: '矩阵测试：去世' });
  await db.execute(sql`UPDATE member SET state = 'suspended' WHERE id = ${suspendedB1.id}`);

  // ---- Generated accounts: every role at several positions, plus mixed grants ----
  const positions: Record<string, OracleOrg> = {
    district: root,
    street: st2,
    community: communitiesOf(st1)[1]!,
    branch: branchesOf(communitiesOf(st0)[1]!)[0]!,
    'soe-committee': soeOf(st0),
  };
  interface Spec {
    username: string;
    kind: 'staff' | 'member';
    grants: [Role, OracleOrg][];
    memberOf?: OracleOrg;
  }
  const specs: Spec[] = [];
  for (const role of roles) {
    for (const [pos, org] of Object.entries(positions)) {
      const withFile = role === 'member' || ((role === 'secretary' || role === 'organiser') && pos === 'branch');
      specs.push({ username: `mx_${role}_${pos}`, kind: role === 'member' ? 'member' : 'staff', grants: [[role, org]], ...(withFile ? { memberOf: org } : {}) });
    }
  }
  specs.push(
    // Two branches in two streets: lists are the union of both subtrees.
    { username: 'mx_multi_secretary', kind: 'staff', grants: [['secretary', branchesOf(communitiesOf(st2)[0]!)[0]!], ['secretary', branchesOf(communitiesOf(st3)[0]!)[0]!]] },
    // Nested grants collapse; PII only in one community of the street.
    {
      username: 'mx_multi_nested',
      kind: 'staff',
      grants: [['org_admin', st3], ['organiser', branchesOf(communitiesOf(st3)[1]!)[0]!], ['pii_officer', communitiesOf(st3)[2]!]],
    },
    // PII power where the account reads nothing, reading where it has no PII power; own file inside the PII scope.
    { username: 'mx_pii_cross', kind: 'staff', grants: [['pii_officer', st1], ['organiser', b1]], memberOf: branchesOf(communitiesOf(st1)[2]!)[0]! },
    // PII power at a branch, own file in another street: the own file reads, but never unmasks.
    { username: 'mx_pii_self', kind: 'member', grants: [['pii_officer', positions.branch!], ['member', positions.branch!]], memberOf: branchesOf(communitiesOf(st3)[3]!)[0]! },
    { username: 'mx_disabled', kind: 'staff', grants: [['org_admin', st0]] },
    // Grantees for POST /api/grants (never actors: their grants change during the run).
    // plain receives business roles only; each fresh_* receives only its own 三员 role; sys and audit
    // already hold a 三员 role, so any other role for them breaks 三员分立.
    { username: 'mx_grantee_plain', kind: 'staff', grants: [] },
    { username: 'mx_grantee_fresh_system_admin', kind: 'staff', grants: [] },
    { username: 'mx_grantee_fresh_security_admin', kind: 'staff', grants: [] },
    { username: 'mx_grantee_fresh_audit_admin', kind: 'staff', grants: [] },
    { username: 'mx_grantee_sys', kind: 'staff', grants: [['system_admin', root]] },
    { username: 'mx_grantee_audit', kind: 'staff', grants: [['audit_admin', st1]] },
  );
  const accountIds = new Map<string, string>();
  for (const sp of specs) {
    const memberId = sp.memberOf ? freeMemberIn(sp.memberOf).id : null;
    const { id } = await createAccount(sys, { username: sp.username, kind: sp.kind, password: PASSWORD, displayName: sp.username, memberId });
    accountIds.set(sp.username, id);
    for (const [role, org] of sp.grants) await grantRole(sys, { accountId: id, role, orgId: org.id, bootstrap: true });
  }
  const granteeUsernames = specs.map((x) => x.username).filter((u) => u.startsWith('mx_grantee_'));

  // ---- Sessions ----
  const cookies = new Map<string, string>();
  for (const u of demoUsernames) cookies.set(u, await s.login(u));
  for (const sp of specs) if (!granteeUsernames.includes(sp.username)) cookies.set(sp.username, await s.login(sp.username, PASSWORD));
  const disabledCookie = cookies.get('mx_disabled')!;
  const me = await s.request({ method: 'GET', url: '/api/auth/me', cookie: disabledCookie });
  assert.equal(me.statusCode, 200, 'the account works before it is disabled');
  await db.execute(sql`UPDATE account SET disabled = true WHERE username = 'mx_disabled'`);

  // ---- The oracle's view of the world, read from the database (never through the API under test) ----
  const grantRows = await rows<{ username: string; accountId: string; memberId: string | null; disabled: boolean; role: Role | null; orgId: string | null; path: string | null }>(
    db,
    sql`SELECT a.username, a.id AS "accountId", a.member_id AS "memberId", a.disabled, g.role, o.id AS "orgId", o.path
        FROM account a
        LEFT JOIN "grant" g ON g.account_id = a.id AND g.revoked_at IS NULL
        LEFT JOIN org o ON o.id = g.org_id AND o.dissolved_on IS NULL
        ORDER BY a.username`,
  );
  members = await loadMembers();
  const memberById = new Map(members.map((m) => [m.id, m]));
  const weight = (r: Role) => rolePermissions[r].length;
  const actors: RtActor[] = [];
  for (const username of [...demoUsernames, ...specs.map((x) => x.username).filter((u) => !granteeUsernames.includes(u))]) {
    const mine = grantRows.filter((r) => r.username === username);
    const first = mine[0]!;
    const grants: OracleGrant[] = mine.filter((r) => r.role && r.orgId && r.path).map((r) => ({ role: r.role!, orgId: r.orgId!, path: r.path! }));
    const homeGrant = [...grants].sort((a, b) => weight(b.role) - weight(a.role) || segments(a.path).length - segments(b.path).length)[0];
    actors.push({
      label: username,
      position: grants.map((g) => `${g.role}@${levelOf(orgById.get(g.orgId)!)}(${orgById.get(g.orgId)!.name.slice(0, 14)})`).join(' + ') || '(no grants)',
      session: first.disabled ? 'disabled' : 'valid',
      accountId: first.accountId,
      memberId: first.memberId,
      grants,
      home: homeGrant ? orgById.get(homeGrant.orgId)! : null,
      cookie: cookies.get(username),
    });
  }
  actors.push({ label: 'anonymous', position: '(no session)', session: 'none', accountId: null, memberId: null, grants: [], home: null, cookie: undefined });
  assert.equal(actors.find((a) => a.label === 'mx_disabled')!.session, 'disabled');

  // ---- Targets ----
  const depth = (o: OracleOrg) => segments(o.path).length;
  // Fixed targets every actor meets, whatever its position: the demo branches, a SOE branch, the
  // dissolved orgs and a 党小组 recorded directly under a community.
  const globalTargets: OracleOrg[] = [
    b1,
    orgById.get(demoBranch2)!,
    soeBranch,
    orgById.get(dGroup.id)!,
    orgById.get(dBranch.id)!,
    orgs.find((o) => o.kind === 'group' && orgById.get(o.parentId!)?.kind === 'committee' && !o.dissolved)!,
  ];
  type Spot = 'self' | 'district' | 'parent' | 'child' | 'deepest' | 'sibling' | 'cousin' | 'other';
  const allSpots: Spot[] = ['self', 'district', 'parent', 'child', 'deepest', 'sibling', 'cousin', 'other'];
  /** Orgs at each position relative to the actor's home org (anonymous: the district and a street). */
  function spotsOf(home: OracleOrg | null): Partial<Record<Spot, OracleOrg>> {
    if (!home) return { district: root, other: st0 };
    const parent = home.parentId ? orgById.get(home.parentId) : undefined;
    const child = childrenOf(home).find((c) => !c.dissolved);
    let deepest = child;
    while (deepest && childrenOf(deepest).some((c) => !c.dissolved)) deepest = childrenOf(deepest).find((c) => !c.dissolved);
    const rel = (o: OracleOrg) => relation(home.path, o.path);
    const sameLevel = (o: OracleOrg) => depth(o) === depth(home) && o.kind === home.kind && !o.dissolved;
    return {
      self: home,
      district: root,
      parent,
      child,
      deepest,
      sibling: parent && (childrenOf(parent).find((c) => c.id !== home.id && c.kind === home.kind && !c.dissolved) ?? childrenOf(parent).find((c) => c.id !== home.id && !c.dissolved)),
      cousin: orgs.find((o) => rel(o) === 'cousin' && sameLevel(o)) ?? orgs.find((o) => rel(o) === 'cousin' && !o.dissolved),
      other: orgs.find((o) => rel(o) === 'other-street' && sameLevel(o)) ?? orgs.find((o) => rel(o) === 'other-street' && depth(o) === depth(home) && !o.dissolved),
    };
  }
  const pick = (home: OracleOrg | null, spots: Spot[]): OracleOrg[] => {
    const all = spotsOf(home);
    return dedupe(spots.map((k) => all[k]).filter((o): o is OracleOrg => !!o));
  };
  const relativeTargets = (home: OracleOrg | null) => pick(home, allSpots);
  const dedupe = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  const representative = (o: OracleOrg) => members.find((m) => m.state === 'active' && within(m.path, o.path));

  function memberTargetsOf(a: RtActor, relTargets: OracleOrg[]) {
    const rel = (path: string) => relation(a.home?.path ?? null, path);
    const out: { id: string; m: OracleMember; relation: Relation; label: string }[] = [];
    for (const o of dedupe([...relTargets, b1, soeBranch, orgById.get(demoBranch2)!])) {
      const m = representative(o);
      if (m) out.push({ id: m.id, m, relation: rel(m.path), label: `member in ${orgById.get(m.orgId)!.name}` });
    }
    for (const [m, what] of [
      [leftB1, 'left'],
      [suspendedB1, 'suspended'],
      [leftSoe, 'left'],
    ] as const) {
      const cur = memberById.get(m.id)!;
      out.push({ id: cur.id, m: cur, relation: rel(cur.path), label: `${what} member in ${orgById.get(cur.orgId)!.name}` });
    }
    if (a.memberId) out.push({ id: a.memberId, m: memberById.get(a.memberId)!, relation: 'own-file', label: 'own member file' });
    return dedupe(out);
  }

  // ---- Oracle-side counts, with our own SQL (plain prefix comparison, not the server's range scans) ----
  const prefixCond = (column: string, paths: string[]) =>
    paths.length === 0
      ? sql`FALSE`
      : sql.join(
          paths.map((p) => sql`left(${sql.raw(column)}, ${p.length}::int) = ${p}`),
          sql` OR `,
        );
  const countActive = async (paths: string[]) =>
    (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active' AND (${prefixCond('o.path', paths)})`))[0]!.n;
  const activeRolesOf = async (accountId: string) =>
    (
      await rows<{ role: Role }>(
        db,
        sql`SELECT g.role FROM "grant" g JOIN org o ON o.id = g.org_id WHERE g.account_id = ${accountId} AND g.revoked_at IS NULL AND o.dissolved_on IS NULL`,
      )
    ).map((r) => r.role);

  const checkMemberList = (paths: string[]) => async (body: unknown) => {
    const page = body as Page<{ id: string; orgId: string; state: string }>;
    const problems: string[] = [];
    const n = await countActive(paths);
    if (page.total !== n) problems.push(`total ${page.total} ≠ oracle ${n}`);
    if (page.items.length !== Math.min(n, 100)) problems.push(`${page.items.length} items for total ${n}`);
    const outside = page.items.filter((m) => {
      const o = orgById.get(m.orgId);
      return !o || !paths.some((p) => within(o.path, p));
    });
    if (outside.length) problems.push(`${outside.length} items outside the visible set, e.g. member ${outside[0]!.id}`);
    const inactive = page.items.filter((m) => m.state !== 'active');
    if (inactive.length) problems.push(`${inactive.length} non-active items listed`);
    return problems;
  };

  // ---- Case generation ----
  const cases: Case[] = [];
  let idSeq = 0;
  const add = (c: Case) => cases.push(c);
  const roleOrder: Role[] = [...roles];
  const grantee = (username: string) => ({ username, accountId: accountIds.get(username)! });
  const plainId = accountIds.get('mx_grantee_plain')!;

  for (const a of actors) {
    const rel = (path: string) => relation(a.home?.path ?? null, path);
    const relTargets = relativeTargets(a.home);
    const orgTargets = dedupe([...relTargets, ...globalTargets]);
    const settingTargets = dedupe([...pick(a.home, ['self', 'parent', 'child', 'sibling', 'other']), orgById.get(dBranch.id)!]);

    for (const o of orgTargets) {
      add({ actor: a, action: 'org.read', target: o.name, relation: rel(o.path), method: 'GET', url: `/api/orgs/${o.id}`, expected: expect.orgRead(a, o), check: (b) => ((b as { id: string }).id === o.id ? [] : ['wrong org returned']) });
    }
    for (const o of dedupe([...relTargets, b1, soeBranch, orgById.get(dBranch.id)!])) {
      add({
        actor: a,
        action: 'member.list?orgId',
        target: o.name,
        relation: rel(o.path),
        method: 'GET',
        url: `/api/members?orgId=${o.id}&pageSize=100`,
        expected: expect.memberListByOrg(a, o),
        check: checkMemberList([o.path]),
      });
    }
    for (const o of settingTargets) {
      add({
        actor: a,
        action: 'settings.read',
        target: o.name,
        relation: rel(o.path),
        method: 'GET',
        url: `/api/orgs/${o.id}/settings`,
        expected: expect.settingsRead(a, o),
        check: (b) => (Array.isArray(b) && b.some((x: { key: string }) => x.key === 'org.branchMaxMembers') ? [] : ['no org.branchMaxMembers in the answer']),
      });
      add({
        actor: a,
        action: 'settings.write',
        target: o.name,
        relation: rel(o.path),
        method: 'PUT',
        url: `/api/orgs/${o.id}/settings/org.branchMaxMembers`,
        body: { value: 60 },
        expected: expect.settingsWrite(a, o),
        check: (b) => {
          const e = (b as { key: string; value: unknown; setHere: boolean }[]).find((x) => x.key === 'org.branchMaxMembers');
          return e && e.value === 60 && e.setHere ? [] : [`setting not applied: ${JSON.stringify(e)}`];
        },
      });
    }

    // Members: a representative at every position, the non-active ones, and the actor's own file.
    const memberTargets = memberTargetsOf(a, relTargets);
    for (const t of memberTargets) {
      const m = t.m;
      add({
        actor: a,
        action: 'member.read',
        target: t.label,
        relation: t.relation,
        method: 'GET',
        url: `/api/members/${m.id}`,
        expected: expect.memberRead(a, m),
        check: (b) => {
          const f = b as { id: string; idNumber: string; unmasked: string[] };
          return f.id === m.id && f.unmasked.length === 0 && f.idNumber.includes('*') ? [] : [`unexpected file: ${f.id} ${f.idNumber} unmasked=${f.unmasked}`];
        },
      });
      add({
        actor: a,
        action: 'member.unmask',
        target: t.label,
        relation: t.relation,
        method: 'GET',
        url: `/api/members/${m.id}?unmask=idNumber&reason=${encodeURIComponent(UNMASK_REASON)}`,
        expected: expect.memberUnmask(a, m),
        check: (b) => {
          const f = b as { id: string; idNumber: string; unmasked: string[] };
          return f.id === m.id && f.unmasked.includes('idNumber') && isValidIdNumber(f.idNumber) ? [] : [`not unmasked: ${f.idNumber} unmasked=${f.unmasked}`];
        },
      });
      add({
        actor: a,
        action: 'member.patch',
        target: t.label,
        relation: t.relation,
        method: 'PATCH',
        url: `/api/members/${m.id}`,
        body: { notes: `矩阵测试 ${a.label}` },
        expected: expect.memberPatch(a, m),
        check: (b) => ((b as { id: string }).id === m.id ? [] : ['wrong member returned']),
      });
    }

    // Creating a member in each relative position (and the dissolved branch, and a non-branch org).
    for (const o of dedupe([...relTargets, orgById.get(dBranch.id)!])) {
      const n = idSeq++;
      const { idNumber, birthDate } = validIdNumber(n);
      add({
        actor: a,
        action: 'member.create',
        target: o.name,
        relation: rel(o.path),
        method: 'POST',
        url: '/api/members',
        body: { orgId: o.id, name: '矩阵测试党员', idNumber, gender: 'male', birthDate, joinedOn: '2012-07-01', fullMemberOn: '2013-07-01', status: 'full', category: 'resident' },
        expected: expect.memberCreate(a, o),
        check: (b) => {
          const v = b as { orgId: string; idNumber: string; state: string };
          return v.orgId === o.id && v.state === 'active' && v.idNumber.includes('*') ? [] : [`unexpected member: ${JSON.stringify(v)}`];
        },
      });
    }

    // Lists, tree, audit, directory.
    const readRoots = scopeRoots(a, 'member.read');
    add({ actor: a, action: 'member.list', target: '(no orgId)', relation: 'global', method: 'GET', url: '/api/members?pageSize=100', expected: expect.memberListAll(a), check: checkMemberList(readRoots) });
    add({
      actor: a,
      action: 'org.tree',
      target: '(covered roots)',
      relation: 'global',
      method: 'GET',
      url: '/api/orgs/tree',
      expected: expect.orgTree(a),
      check: (b) => {
        const roots = scopeRoots(a, 'org.read');
        const want = new Set(orgs.filter((o) => !o.dissolved && roots.some((r) => within(o.path, r))).map((o) => o.id));
        const wantRoots = new Set(roots.map((p) => orgByPath.get(p)!.id));
        const got = b as TreeNode[];
        const problems: string[] = [];
        const seen = new Set<string>();
        const walk = (n: TreeNode, parent: string | null) => {
          if (seen.has(n.id)) problems.push(`node ${n.id} twice`);
          seen.add(n.id);
          if (parent !== null && n.parentId !== parent) problems.push(`node ${n.id} under the wrong parent`);
          if (n.dissolved || orgById.get(n.id)?.dissolved) problems.push(`dissolved org ${n.id} shown`);
          if (!want.has(n.id)) problems.push(`node ${n.id} (${orgById.get(n.id)?.name}) outside scope`);
          for (const c of n.children) walk(c, n.id);
        };
        for (const r of got) {
          if (!wantRoots.has(r.id)) problems.push(`root ${r.id} (${orgById.get(r.id)?.name}) is not a covered root`);
          walk(r, null);
        }
        if (got.length !== wantRoots.size) problems.push(`${got.length} roots, oracle ${wantRoots.size}`);
        if (seen.size !== want.size) problems.push(`${seen.size} nodes, oracle ${want.size}`);
        return problems.slice(0, 3);
      },
    });
    // Reading the trail is itself audited after the count: compare with the events that existed before.
    let auditSeqBefore = 0;
    add({
      actor: a,
      action: 'audit.list',
      target: '(audit events)',
      relation: 'global',
      method: 'GET',
      url: '/api/audit/events?pageSize=100',
      expected: expect.auditList(a),
      prepare: async () => {
        auditSeqBefore = (await rows<{ n: number }>(db, sql`SELECT coalesce(max(seq), 0)::int AS n FROM audit_event`))[0]!.n;
      },
      check: async (b) => {
        const roots = scopeRoots(a, 'audit.read');
        const top = a.grants.some((g) => g.role === 'audit_admin' && orgById.get(g.orgId)!.parentId === null);
        const page = b as Page<{ seq: number; targetOrgPath: string | null }>;
        const problems: string[] = [];
        const visible = sql`((${prefixCond('target_org_path', roots)}) ${top ? sql`OR target_org_path IS NULL` : sql``})`;
        const n = (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_event WHERE seq <= ${auditSeqBefore} AND ${visible}`))[0]!.n;
        if (page.total !== n) problems.push(`total ${page.total} ≠ oracle ${n}`);
        if (page.items.length !== Math.min(n, 100)) problems.push(`${page.items.length} items for total ${n}`);
        const outside = page.items.filter((e) => (e.targetOrgPath === null ? !top : !roots.some((r) => within(e.targetOrgPath!, r))));
        if (outside.length) problems.push(`${outside.length} events outside the auditor's scope, e.g. ${outside[0]!.targetOrgPath}`);
        return problems;
      },
    });
    add({
      actor: a,
      action: 'org.directory',
      target: '(directory)',
      relation: 'global',
      method: 'GET',
      url: '/api/orgs/directory?pageSize=100',
      expected: expect.directory(a),
      check: (b) => {
        const page = b as Page<{ id: string }>;
        return page.total === orgs.length && page.items.length === Math.min(orgs.length, 100) ? [] : [`total ${page.total}/${page.items.length} items, oracle ${orgs.length}`];
      },
    });

    // ID collisions (GitLab pattern): an org id or an account id used as a member id is not a member.
    const someOrg = a.home ?? root;
    const collisionIds: [string, string][] = [
      [someOrg.id, `org id ${someOrg.name} as member id`],
      [a.accountId ?? plainId, 'an account id as member id'],
    ];
    for (const [id, label] of collisionIds) {
      add({ actor: a, action: 'id-collision member', target: label, relation: 'global', method: 'GET', url: `/api/members/${id}`, expected: expect.memberRead(a, null) });
    }
    const someMember = representative(someOrg) ?? members[0]!;
    add({ actor: a, action: 'id-collision org', target: 'member id as org id', relation: 'global', method: 'GET', url: `/api/orgs/${someMember.id}`, expected: expect.orgRead(a, null) });
  }

  // Grants last: they change only the grantees, never an actor, and the oracle reads grantees' roles just in time.
  for (const a of actors) {
    const rel = (path: string) => relation(a.home?.path ?? null, path);
    // Positions for grants: own org, parent, a child, a sibling, another street.
    const home = a.home;
    const grantOrgs = pick(home, ['self', 'parent', 'child', 'sibling', 'other']).filter((o) => !o.dissolved);
    const canGrantSomewhere = a.grants.some((g) => rolePermissions[g.role].includes('account.grant'));
    const plain = grantee('mx_grantee_plain');
    const sysHolder = grantee('mx_grantee_sys');
    const auditHolder = grantee('mx_grantee_audit');
    const plan: { role: Role; org: OracleOrg; grantee: { username: string; accountId: string } | 'self' | 'nobody' }[] = [];
    if (canGrantSomewhere) {
      for (const [i, org] of grantOrgs.entries()) {
        for (const role of roleOrder) {
          if (!separatedDutyRoles.includes(role)) {
            plan.push({ role, org, grantee: plain });
            continue;
          }
          plan.push({ role, org, grantee: grantee(`mx_grantee_fresh_${role}`) });
          // 三员分立: a holder of another 三员 role, and (once it holds one) the business-role holder, are refused.
          plan.push({ role, org, grantee: role === 'system_admin' ? auditHolder : sysHolder });
        }
        plan.push({ role: 'system_admin', org, grantee: plain }, { role: 'secretary', org, grantee: sysHolder });
        plan.push({ role: i % 2 ? 'organiser' : 'security_admin', org, grantee: 'self' });
        if (i === 0) plan.push({ role: 'member', org, grantee: 'nobody' });
      }
    } else {
      const org = home ?? root;
      plan.push({ role: 'secretary', org, grantee: plain }, { role: 'member', org, grantee: 'self' });
    }
    for (const p of plan) {
      const granteeId = p.grantee === 'self' ? (a.accountId ?? plainId) : p.grantee === 'nobody' ? randomUUID() : p.grantee.accountId;
      const granteeLabel = p.grantee === 'self' ? 'self' : p.grantee === 'nobody' ? 'nonexistent account' : p.grantee.username;
      add({
        actor: a,
        action: `grant ${p.role}`,
        target: `${granteeLabel} @ ${p.org.name}`,
        relation: rel(p.org.path),
        method: 'POST',
        url: '/api/grants',
        body: { accountId: granteeId, role: p.role, orgId: p.org.id },
        expected: async () =>
          expect.grant(a, { role: p.role, org: p.org, grantee: { accountId: granteeId, exists: p.grantee !== 'nobody', activeRoles: p.grantee === 'nobody' ? [] : await activeRolesOf(granteeId) } }),
        check: (b) => {
          const g = b as { accountId: string; role: string; orgId: string };
          return g.accountId === granteeId && g.role === p.role && g.orgId === p.org.id ? [] : [`unexpected grant ${JSON.stringify(g)}`];
        },
      });
    }
  }
  const extended = buildExtendedCases();
  return { main: cases, extended, setupSeconds: ((Date.now() - setupStarted) / 1000).toFixed(1) };

  /**
   * Beyond the brief's list: ids in bodies and filters that must answer 404 (§8), the lazy tree's
   * rootId and the warnings (org.read), a file's history (same scope as the file), the disabled account's
   * login, and a grant body carrying the seed-only `bootstrap` flag (mass assignment).
   */
  function buildExtendedCases(): Case[] {
    const out: Case[] = [];
    const add = (c: Case) => out.push(c);
    const anonymous = actors.find((a) => a.label === 'anonymous')!;
    add({
      actor: anonymous,
      action: 'auth.login (disabled)',
      target: 'mx_disabled',
      relation: 'global',
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'mx_disabled', password: PASSWORD },
      expected: { status: 401, codes: ['AUTH_DISABLED'] },
    });
    const pathOfGridOwner = (g: { orgId: string }) => orgById.get(g.orgId)!.path;
    const groups = orgs.filter((o) => o.kind === 'group' && !o.dissolved);
    for (const a of actors) {
      const rel = (path: string) => relation(a.home?.path ?? null, path);
      const relTargets = relativeTargets(a.home);
      for (const o of dedupe([...pick(a.home, ['self', 'parent', 'sibling', 'other']), orgById.get(dBranch.id)!])) {
        add({
          actor: a,
          action: 'org.tree?rootId',
          target: o.name,
          relation: rel(o.path),
          method: 'GET',
          url: `/api/orgs/tree?rootId=${o.id}`,
          expected: expect.orgRead(a, o),
          check: (b) => {
            const got = b as TreeNode[];
            if (o.dissolved) return got.length === 0 ? [] : ['a dissolved root was returned'];
            const want = orgs.filter((x) => !x.dissolved && within(x.path, o.path)).length;
            let n = 0;
            const walk = (t: TreeNode) => {
              n++;
              t.children.forEach(walk);
            };
            got.forEach(walk);
            return got.length === 1 && got[0]!.id === o.id && n === want ? [] : [`${got.length} roots, ${n} nodes; oracle 1 root ${o.id}, ${want} nodes`];
          },
        });
      }
      for (const o of pick(a.home, ['self', 'parent', 'other'])) {
        add({
          actor: a,
          action: 'org.warnings',
          target: o.name,
          relation: rel(o.path),
          method: 'GET',
          url: `/api/orgs/${o.id}/warnings?pageSize=100`,
          expected: expect.orgRead(a, o),
          check: (b) => {
            const bad = (b as Page<{ orgId: string }>).items.filter((w) => !within(orgById.get(w.orgId)?.path ?? '/x/', o.path));
            return bad.length ? [`${bad.length} warnings outside the org's subtree`] : [];
          },
        });
      }
      for (const t of memberTargetsOf(a, pick(a.home, ['self', 'parent', 'sibling', 'cousin', 'other']))) {
        add({ actor: a, action: 'member.history', target: t.label, relation: t.relation, method: 'GET', url: `/api/members/${t.m.id}/history`, expected: expect.memberRead(a, t.m), check: (b) => (Array.isArray(b) ? [] : ['not a list']) });
      }

      // References inside bodies: one member the actor may edit (if any) and one it may not.
      const writable = (m: OracleMember) => m.state === 'active' && can(a, 'member.write', m.path);
      const editable = members.find((m) => writable(m) && (!a.home || within(m.path, a.home.path))) ?? members.find(writable);
      const foreign = representative(relTargets.find((o) => rel(o.path) === 'other-street' && representative(o)) ?? soeBranch)!;
      for (const m of dedupe([...(editable ? [editable] : []), foreign])) {
        const branch = orgById.get(m.orgId)!;
        const community = orgById.get(branch.parentId!)!;
        const onPath = (path: string) => within(m.path, path);
        const ownGrid = grids.find((g) => g.orgId === community.id || g.orgId === branch.id);
        const farGrid = grids.find((g) => !onPath(pathOfGridOwner(g)) && !can(a, 'member.write', pathOfGridOwner(g))) ?? grids.find((g) => !onPath(pathOfGridOwner(g)))!;
        const ownGroup = groups.find((g) => g.parentId === branch.id);
        const farGroup = groups.find((g) => g.parentId !== branch.id && !can(a, 'member.write', g.path));
        // §8: ids in bodies that do not exist or lie outside the caller's scope answer 404, like any other
        // out-of-scope id; an in-scope group of another branch would be a business-rule 422 (not asked here).
        const refs: { label: string; body: Record<string, string>; usable: boolean }[] = [
          { label: 'gridId of a grid on another street', body: { gridId: farGrid.id }, usable: false },
          { label: 'gridId that does not exist', body: { gridId: randomUUID() }, usable: false },
          { label: 'groupId that does not exist', body: { groupId: randomUUID() }, usable: false },
        ];
        if (ownGrid) refs.push({ label: "gridId of the member's own community", body: { gridId: ownGrid.id }, usable: true });
        if (ownGroup) refs.push({ label: "groupId of the member's own branch", body: { groupId: ownGroup.id }, usable: true });
        if (farGroup) refs.push({ label: 'groupId out of the caller’s scope', body: { groupId: farGroup.id }, usable: false });
        for (const r of refs) {
          add({
            actor: a,
            action: 'member.patch (ref in body)',
            target: `${r.label} → member in ${branch.name}`,
            relation: rel(m.path),
            method: 'PATCH',
            url: `/api/members/${m.id}`,
            body: r.body,
            expected: expect.memberPatchWithRef(a, m, r),
            check: (b) => {
              const v = b as Record<string, unknown>;
              return Object.entries(r.body).every(([k, val]) => v[k] === val) ? [] : [`reference not stored: ${JSON.stringify(r.body)}`];
            },
          });
        }
        const n = idSeq++;
        const { idNumber, birthDate } = validIdNumber(n);
        add({
          actor: a,
          action: 'member.create (ref in body)',
          target: `gridId of a grid on another street → ${branch.name}`,
          relation: rel(branch.path),
          method: 'POST',
          url: '/api/members',
          body: { orgId: branch.id, gridId: farGrid.id, name: '矩阵测试党员', idNumber, gender: 'male', birthDate, joinedOn: '2012-07-01', fullMemberOn: '2013-07-01', status: 'full', category: 'resident' },
          expected: expect.memberCreateWithRef(a, branch, { usable: false }),
        });
      }

      // Ids of one kind where another is expected, in filters and bodies.
      const aMember = representative(a.home ?? root) ?? members[0]!;
      const homeOrg = a.home ?? root;
      add({ actor: a, action: 'id-collision filter', target: 'member id as orgId filter', relation: 'global', method: 'GET', url: `/api/members?orgId=${aMember.id}`, expected: expect.memberListByOrg(a, null) });
      add({
        actor: a,
        action: 'id-collision grant body',
        target: 'member id as orgId',
        relation: 'global',
        method: 'POST',
        url: '/api/grants',
        body: { accountId: plainId, role: 'member', orgId: aMember.id },
        expected: expect.grant(a, { role: 'member', org: null, grantee: { accountId: plainId, exists: true, activeRoles: [] } }),
      });
      add({
        actor: a,
        action: 'id-collision grant body',
        target: 'member id as accountId',
        relation: rel(homeOrg.path),
        method: 'POST',
        url: '/api/grants',
        body: { accountId: aMember.id, role: 'member', orgId: homeOrg.id },
        expected: expect.grant(a, { role: 'member', org: homeOrg, grantee: { accountId: aMember.id, exists: false, activeRoles: [] } }),
      });
      // Mass assignment: the seed-only flag must be ignored over HTTP.
      add({
        actor: a,
        action: 'grant (bootstrap flag)',
        target: 'org_admin @ district to self',
        relation: rel(root.path),
        method: 'POST',
        url: '/api/grants',
        body: { accountId: a.accountId ?? plainId, role: 'org_admin', orgId: root.id, bootstrap: true },
        expected: async () =>
          expect.grant(a, { role: 'org_admin', org: root, grantee: { accountId: a.accountId ?? plainId, exists: true, activeRoles: await activeRolesOf(a.accountId ?? plainId) } }),
      });
    }
    return out;
  }
}

/** Runs the cases one after another (some mutate), collecting every disagreement with the oracle. */
async function runCases(s: TestServer, cases: Case[]): Promise<RunResult> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const mismatches: Mismatch[] = [];
  const byAction = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const byRelation = new Map<string, number>();
  const msByAction = new Map<string, number>();
  const grantOutcomes = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
  for (const c of cases) {
    const t0 = performance.now();
    const expected = typeof c.expected === 'function' ? await c.expected() : c.expected;
    const action = c.action.startsWith('grant ') ? 'grant' : c.action;
    bump(byAction, action);
    bump(byStatus, String(expected.status));
    bump(byRelation, c.relation);
    if (c.action.startsWith('grant')) bump(grantOutcomes, describeExpected(expected));
    let res: LightMyRequestResponse;
    try {
      await c.prepare?.();
      res = await s.request({ method: c.method, url: c.url, cookie: c.actor.cookie, ...(c.body !== undefined ? { body: c.body } : {}) });
    } catch (err) {
      mismatches.push(mismatch(c, expected, `threw ${(err as Error).message}`));
      continue;
    }
    const problems: string[] = [];
    if (res.statusCode !== expected.status) {
      problems.push(`${res.statusCode} ${codeOf(res) ?? ''}`.trim());
    } else if (expected.codes && !expected.codes.includes(codeOf(res) ?? '')) {
      problems.push(`${res.statusCode} ${codeOf(res)}`);
    } else if (res.statusCode < 300 && c.check) {
      problems.push(...(await c.check(res.json())));
    }
    if (problems.length) mismatches.push(mismatch(c, expected, problems.join('; ')));
    bump(msByAction, action, performance.now() - t0);
  }
  const used = process.cpuUsage(cpu);
  return {
    cases: cases.length,
    mismatches,
    byAction,
    msByAction,
    byStatus,
    byRelation,
    grantOutcomes,
    seconds: ((Date.now() - started) / 1000).toFixed(1),
    cpuSeconds: ((used.user + used.system) / 1e6).toFixed(1),
  };
}

function codeOf(res: LightMyRequestResponse): string | undefined {
  try {
    return res.json<ErrorAnswer>().error?.code;
  } catch {
    return undefined;
  }
}

function mismatch(c: Case, expected: Expected, actual: string): Mismatch {
  return {
    actor: c.actor.label,
    position: c.actor.position,
    action: `${c.method} ${c.action}`,
    target: c.target,
    relation: c.relation,
    expected: describeExpected(expected),
    actual,
  };
}
