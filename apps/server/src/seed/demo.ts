import { sql } from 'drizzle-orm';
import { rolePermissions, type Role } from '@xianfeng/contracts/account/account.permissions';
import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { Actor, Ctx } from '../platform/context.ts';
import { inTransaction } from '../platform/context.ts';
import { one, rows } from '../platform/db/db.ts';
import { addMonths, addYears } from '../platform/dates.ts';
import { createGrid, createOrg, createRootOrg, setLeadership } from '../modules/org/org.service.ts';
import type { OrgRow } from '../modules/org/org.repository.ts';
import { createMembersBulk } from '../modules/member/member.bulk.ts';
import { createAccount, grantRole } from '../modules/account/account.service.ts';
import { updateMemberCare } from '../modules/notify/notify.care.service.ts';
import { demoMember, rng, type Profile, type Rng } from './demo-data.ts';
import { seedDemoLife } from './demo-life.ts';
import { seedDues } from './demo-dues.ts';
import { seedMobile } from './demo-mobile.ts';
import { seedTransfers } from './demo-transfer.ts';
import { seedReportIn } from './demo-report-in.ts';
import { seedDevelopment } from './demo-development.ts';
import { applyMeetingPoints } from '../modules/points/points.service.ts';

export const DEMO_PASSWORD = 'Demo@2026';

export const demoAccounts = [
  { username: 'admin', label: '系统管理员 · 区委' },
  { username: 'secadmin', label: '安全管理员 · 区委' },
  { username: 'auditor', label: '审计管理员 · 区委' },
  { username: 'district', label: '区委组织部（全部业务权限，含查看敏感信息）' },
  { username: 'street1', label: '东城街道党工委 管理员' },
  { username: 'street2', label: '西城街道党工委 管理员' },
  { username: 'community1', label: '春晖社区党委 管理员（东城街道）' },
  { username: 'community2', label: '和平社区党委 管理员（西城街道）' },
  { username: 'branch1', label: '春晖社区第一网格党支部 书记（兼党员）' },
  { username: 'branch2', label: '和平社区第一网格党支部 书记（兼党员）' },
  { username: 'recorder1', label: '春晖社区第一网格党支部 组织委员（党员）' },
  { username: 'member1', label: '春晖社区第一网格党支部 党员' },
  { username: 'unit1', label: '明德区教育局 双报到单位管理员（另有 unit2：城投集团）' },
  { username: 'reporter1', label: '城投集团在职党员，到春晖社区报到（手机端 双报到）' },
] as const;

const STREETS = [
  { name: '东城街道党工委', canApprove: true, communities: ['春晖', '朝阳', '锦绣', '丰泽', '安康'] },
  { name: '西城街道党工委', canApprove: true, communities: ['和平', '兴华', '民主', '团结', '光明'] },
  { name: '南湖街道党工委', canApprove: false, communities: ['南湖', '翠苑', '玉泉', '清河', '枫林'] },
  { name: '北苑街道党工委', canApprove: false, communities: ['北苑', '龙潭', '金桥', '望京', '育才'] },
];
const ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八'];

export async function isSeeded(ctx: Ctx): Promise<boolean> {
  const r = await one<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM system_state WHERE key = 'seed.demo'`);
  return (r?.n ?? 0) > 0;
}

interface Plan {
  org: OrgRow;
  size: number;
  profile: Profile;
  unit: string | null;
  address: string;
  /** Deliberate problems for the structural warnings to find. */
  problem?: 'too_many' | 'too_few' | 'no_committee' | 'term_expired' | 'term_due';
  groups: OrgRow[];
  gridId?: string;
}

/**
 * Seeds the demo district in one transaction (all or nothing): 1 区委, 4 街道党工委, 20 社区党委,
 * ~140 branches with 党小组s, ~6,000 members with synthetic valid ID numbers, and the demo accounts.
 */
export async function seedDemoDistrict(base: Ctx, opts: { log?: (s: string) => void } = {}) {
  const log = opts.log ?? (() => undefined);
  const r = rng(20261122);
  const seedActor: Actor = { accountId: '00000000-0000-0000-0000-000000000000', username: 'system:seed', kind: 'staff', displayName: '系统初始化', memberId: null, grants: [] };
  return inTransaction({ ...base, actor: seedActor }, async (ctx) => {
    const today = ctx.clock.today();
    const root = await createRootOrg(ctx, { parentId: null, name: '中共明德区委员会', shortName: '明德区委', kind: 'local_committee', domain: 'government' });
    // The seed acts as an org admin of the whole district, in memory only.
    seedActor.grants = (['org_admin', 'pii_officer'] as Role[]).map((role) => ({ role, orgId: root.id, orgPath: root.path, permissions: rolePermissions[role] }));
    const mk = (parent: OrgRow, name: string, kind: OrgKind, domain: OrgDomain, extra: { gridId?: string; canApproveMembers?: boolean; unitName?: string } = {}) =>
      createOrg(ctx, { parentId: parent.id, name, kind, domain, ...extra });

    const plans: Plan[] = [];
    const streets: OrgRow[] = [];
    const communities: OrgRow[] = [];
    let looseGroupDone = false;
    for (const [si, s] of STREETS.entries()) {
      const street = await mk(root, `中共明德区${s.name}`, 'working_committee', 'community', { canApproveMembers: s.canApprove });
      streets.push(street);
      const streetShort = s.name.replace('党工委', '');
      plans.push({ org: await mk(street, `${streetShort}机关党支部`, 'branch', 'government', { unitName: `明德区${streetShort}办事处` }), size: r.int(24, 40), profile: 'government', unit: `明德区${streetShort}办事处`, address: `明德区${streetShort}办事处`, groups: [] });
      for (const [ci, cname] of s.communities.entries()) {
        const community = await mk(street, `中共明德区${streetShort}${cname}社区委员会`, 'committee', 'community');
        communities.push(community);
        const grids = [];
        for (let g = 0; g < 5; g++) grids.push(await createGrid(ctx, { orgId: community.id, kind: 'grid', name: `${cname}社区第${ORDINAL[g]}网格` }));
        for (let g = 0; g < 5; g++) {
          const grid = grids[g]!;
          const branch = await mk(community, `${cname}社区第${ORDINAL[g]}网格党支部`, 'branch', 'community', { gridId: grid.id });
          const groups: OrgRow[] = [];
          const nGroups = g === 0 ? 2 : r.int(0, 2);
          for (let k = 0; k < nGroups; k++) {
            const building = await createGrid(ctx, { orgId: community.id, parentId: grid.id, kind: 'building', name: `${cname}小区${g * 3 + k + 1}号楼` });
            groups.push(await mk(branch, `${building.name}党小组`, 'group', 'community', { gridId: building.id }));
          }
          plans.push({ org: branch, gridId: grid.id, size: r.int(38, 50), profile: 'community', unit: null, address: `明德区${streetShort}${cname}社区${grid.name.slice(-3)}${r.int(1, 20)}号楼`, groups });
        }
        plans.push({ org: await mk(community, `${cname}社区离退休党支部`, 'branch', 'community'), size: r.int(42, 50), profile: 'retired', unit: null, address: `明德区${streetShort}${cname}社区`, groups: [] });
        if (!looseGroupDone && si === 2 && ci === 1) {
          // Deliberate problem: a 党小组 recorded directly under a community committee.
          await mk(community, `${cname}社区志愿服务党小组`, 'group', 'community');
          looseGroupDone = true;
        }
      }
      const unitP = ['明德精密机械有限公司', '明德云帆科技有限公司', '明德绿源物业服务有限公司', '明德同创电子有限公司'][si]!;
      plans.push({ org: await mk(street, `${unitP}党支部`, 'branch', 'private_enterprise', { unitName: unitP }), size: r.int(6, 14), profile: 'private', unit: unitP, address: `明德区${streetShort}${unitP}`, groups: [] });
      const unitS = ['明德区慈善义工协会', '明德区乐龄养老服务中心', '明德区青年创业促进会', '明德区书法家协会'][si]!;
      plans.push({ org: await mk(street, `${unitS}党支部`, 'branch', 'social_org', { unitName: unitS }), size: si === 3 ? 3 : r.int(4, 8), profile: 'social', unit: unitS, address: `明德区${streetShort}`, groups: [], ...(si === 3 ? { problem: 'too_few' as const } : {}) });
      if (si < 2) {
        const soeUnit = ['明德城市建设投资集团有限公司', '明德水务集团有限公司'][si]!;
        const soe = await mk(street, `中共${soeUnit}委员会`, 'committee', 'soe', { unitName: soeUnit });
        for (const dept of ['综合管理部', '工程项目部', '运营服务部']) {
          plans.push({ org: await mk(soe, `${soeUnit.replace('有限公司', '')}${dept}党支部`, 'branch', 'soe', { unitName: soeUnit }), size: r.int(28, 46), profile: 'soe', unit: soeUnit, address: `明德区${streetShort}`, groups: [] });
        }
      }
      if (si === 0) {
        const joint = await mk(street, '东城街道商圈联合党支部', 'joint_branch', 'private_enterprise', { unitName: '东城商圈 5 家小微企业' });
        plans.push({ org: joint, size: 9, profile: 'private', unit: '东城商圈小微企业', address: '明德区东城街道', groups: [] });
        const temp = await mk(street, '老旧小区改造项目临时党支部', 'temporary_branch', 'other');
        plans.push({ org: temp, size: 2, profile: 'community', unit: '老旧小区改造项目部', address: '明德区东城街道', groups: [], problem: 'too_few' });
      }
    }
    // Deliberate problems on community branches other than the two demo branches.
    const communityPlans = plans.filter((p) => p.profile === 'community' && p.org.kind === 'branch');
    const demoBranches = [communityPlans[0]!, communityPlans.find((p) => p.org.parentId === communities[5]!.id)!];
    const others = communityPlans.filter((p) => !demoBranches.includes(p));
    const assign = (problem: Plan['problem'], n: number) => {
      for (let i = 0; i < n; i++) {
        const p = others.splice(r.int(0, others.length - 1), 1)[0]!;
        p.problem = problem;
        if (problem === 'too_many') p.size = r.int(56, 64);
      }
    };
    assign('too_many', 2);
    assign('no_committee', 3);
    assign('term_expired', 3);
    assign('term_due', 4);
    log(`  ${plans.length} branches planned`);

    const taken = new Set<string>();
    let totalMembers = 0;
    const memberIdsByBranch = new Map<string, { ids: string[]; full: boolean[] }>();
    for (const p of plans) {
      const rows = [];
      for (let i = 0; i < p.size; i++) {
        const m = demoMember(r, { profile: p.profile, today, taken, probationaryShare: p.problem === 'too_few' ? 0 : 0.05, unit: p.unit, address: p.address });
        if (p.problem === 'too_few' && i === p.size - 1) {
          // Two full members and one probationary: fewer than 3 full members.
          m.status = 'probationary';
          m.fullMemberOn = null;
          m.joinedOn = addMonths(today, -r.int(2, 10));
        }
        rows.push({
          ...m,
          orgId: p.org.id,
          groupId: p.groups.length && r.chance(0.6) ? r.pick(p.groups).id : null,
          gridId: p.gridId ?? null,
          householdHub: r.chance(0.03),
          lostContact: r.chance(0.004),
          discipline: r.chance(0.003) ? [disciplineRecord(r, today)] : [],
        });
      }
      const res = await createMembersBulk(ctx, { members: rows, allOrNothing: true, source: 'demo-seed' });
      if (res.errors.length) throw new Error(`demo seed rows refused: ${JSON.stringify(res.errors.slice(0, 3))}`);
      memberIdsByBranch.set(p.org.id, { ids: res.ids, full: rows.map((x) => x.status === 'full') });
      totalMembers += res.imported;
    }
    log(`  ${totalMembers} members registered`);

    // Leadership: branches with ≥ 7 full members get a committee of 3–5, except the deliberate ones.
    for (const p of plans) {
      const m = memberIdsByBranch.get(p.org.id)!;
      const fullIds = m.ids.filter((_, i) => m.full[i]);
      if (fullIds.length === 0) continue;
      const committee = fullIds.length >= 7 && p.problem !== 'no_committee';
      const positions = committee ? (['secretary', 'organisation_member', 'publicity_member', 'discipline_member'] as const).slice(0, r.int(3, 4)) : (['secretary'] as const);
      const years = p.org.domain === 'community' ? 5 : 3;
      const termStart =
        p.problem === 'term_expired' ? addMonths(today, -(years * 12 + r.int(2, 14))) : p.problem === 'term_due' ? addMonths(today, -(years * 12 - r.int(1, 5))) : addMonths(today, -r.int(3, years * 12 - 8));
      await setLeadership(ctx, { id: p.org.id, termStart, leaders: positions.map((position, i) => ({ position, memberId: fullIds[i]! })) });
    }
    for (const c of communities) {
      await setLeadership(ctx, { id: c.id, termStart: addMonths(today, -r.int(6, 40)), leaders: [{ position: 'secretary', memberId: memberIdsByBranch.get(plans.find((p) => p.org.parentId === c.id)!.org.id)!.ids[0]! }] });
    }
    // The 区委 and the 街道党工委 are headed too (their 书记 a full member inside), so the dashboard's 书记空缺
    // warning names only the deliberate gaps: branches without a full member.
    for (const o of [root, ...streets]) {
      const inside = plans.find((p) => p.org.path.startsWith(o.path) && memberIdsByBranch.get(p.org.id)!.full.some(Boolean))!;
      const m = memberIdsByBranch.get(inside.org.id)!;
      await setLeadership(ctx, { id: o.id, termStart: addMonths(today, -r.int(6, 40)), leaders: [{ position: 'secretary', memberId: m.ids[m.full.indexOf(true)]! }] });
    }

    // Accounts.
    const b1 = memberIdsByBranch.get(demoBranches[0]!.org.id)!;
    const b2 = memberIdsByBranch.get(demoBranches[1]!.org.id)!;
    const nthFull = (b: { ids: string[]; full: boolean[] }, n: number) => b.ids.filter((_, i) => b.full[i])[n]!;
    const accounts: { username: string; kind: 'staff' | 'member'; roles: [Role, OrgRow][]; memberId?: string; displayName: string }[] = [
      { username: 'admin', kind: 'staff', roles: [['system_admin', root]], displayName: '系统管理员' },
      { username: 'secadmin', kind: 'staff', roles: [['security_admin', root]], displayName: '安全管理员' },
      { username: 'auditor', kind: 'staff', roles: [['audit_admin', root]], displayName: '审计管理员' },
      { username: 'district', kind: 'staff', roles: [['org_admin', root], ['pii_officer', root]], displayName: '区委组织部' },
      { username: 'street1', kind: 'staff', roles: [['org_admin', streets[0]!]], displayName: '东城街道党工委' },
      { username: 'street2', kind: 'staff', roles: [['org_admin', streets[1]!]], displayName: '西城街道党工委' },
      { username: 'community1', kind: 'staff', roles: [['org_admin', communities[0]!]], displayName: '春晖社区党委' },
      { username: 'community2', kind: 'staff', roles: [['org_admin', communities[5]!]], displayName: '和平社区党委' },
      { username: 'branch1', kind: 'staff', roles: [['secretary', demoBranches[0]!.org], ['member', demoBranches[0]!.org]], memberId: nthFull(b1, 0), displayName: '第一网格党支部书记' },
      { username: 'branch2', kind: 'staff', roles: [['secretary', demoBranches[1]!.org], ['member', demoBranches[1]!.org]], memberId: nthFull(b2, 0), displayName: '第一网格党支部书记' },
      { username: 'recorder1', kind: 'member', roles: [['organiser', demoBranches[0]!.org], ['member', demoBranches[0]!.org]], memberId: nthFull(b1, 1), displayName: '组织委员' },
      { username: 'member1', kind: 'member', roles: [['member', demoBranches[0]!.org]], memberId: nthFull(b1, 5), displayName: '党员' },
    ];
    for (const a of accounts) {
      const { id } = await createAccount(ctx, { username: a.username, kind: a.kind, password: DEMO_PASSWORD, displayName: a.displayName, memberId: a.memberId ?? null });
      for (const [role, org] of a.roles) await grantRole(ctx, { accountId: id, role, orgId: org.id, bootstrap: true });
    }
    // 两个生日: branch1's members opted in; one of them (the last registered) has a family contact receive on their behalf.
    for (const memberId of b1.ids) await updateMemberCare(ctx, { memberId, care: { birthdayGreetings: true } });
    await updateMemberCare(ctx, { memberId: b1.ids[b1.ids.length - 1]!, care: { deliverTo: 'family', familyName: '家属（子女）', familyPhone: '13900001111' } });
    await seedDemoLife(ctx, { log });
    // Points of the two demo branches with member accounts, as the outbox job gives them on confirmation
    // (the rest of the demo district earns points from the meetings recorded from now on).
    const scored = await rows<{ id: string }>(
      ctx.db,
      sql`SELECT id FROM meeting WHERE org_id IN (${demoBranches[0]!.org.id}, ${demoBranches[1]!.org.id}) AND status IN ('confirmed', 'approved') ORDER BY starts_at, id`,
    );
    for (const { id } of scored) await applyMeetingPoints(ctx, { meetingId: id });
    log(`demo points: ${scored.length} meetings scored`);
    // A year of 党费: the accounts' members paid up, branch1's branch with a member in arrears for the boards.
    await seedDues(ctx, { rootPath: root.path, paidUp: accounts.flatMap((a) => a.memberId ?? []), arrearsAt: [demoBranches[0]!.org.id], log });
    await seedMobile(ctx, { rootPath: root.path, exclude: accounts.flatMap((a) => a.memberId ?? []), log });
    // 组织关系转接 in every state (after dues: 党费交至 goes on each transfer).
    await seedTransfers(ctx, { keepMembers: accounts.flatMap((a) => a.memberId ?? []), log });
    await seedReportIn(ctx, { password: DEMO_PASSWORD, log });
    // 发展党员 cases at every stage in the two demo branches (a few with problems), through the module's rules.
    await seedDevelopment(ctx, { log });
    await ctx.db.execute(sql`INSERT INTO system_state (key, value) VALUES ('seed.demo', ${JSON.stringify({ seededAt: ctx.clock.now().toISOString() })}::jsonb)`);
    const orgCount = (await one<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM org`))!.n;
    return { orgs: orgCount, members: totalMembers, accounts: accounts.length, rootId: root.id };
  });
}

function disciplineRecord(r: Rng, today: string) {
  const kind = r.pick(['warning', 'serious_warning', 'probation'] as const);
  const decidedOn = addMonths(today, -r.int(3, 30));
  return { kind, decidedOn, endsOn: kind === 'probation' ? addYears(decidedOn, 1) : null, reason: r.pick(['违反组织纪律', '违反廉洁纪律', '违反工作纪律']) };
}
