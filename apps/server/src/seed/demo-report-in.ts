import { sql } from 'drizzle-orm';
import type { Grade, PostKind, Rater } from '@xianfeng/contracts/report-in/report-in.enums';
import type { Actor, Ctx } from '../platform/context.ts';
import { one, rows } from '../platform/db/db.ts';
import { addMonths } from '../platform/dates.ts';
import { createAccount, grantRole } from '../modules/account/account.service.ts';
import { createUnitWithAdmin } from '../modules/report-in/report-in.units.ts';
import { confirmReportIn, registerReportIn } from '../modules/report-in/report-in.workflow.ts';
import { claimPost, createPost } from '../modules/report-in/report-in.menu.ts';
import { decideService, logService } from '../modules/report-in/report-in.service-log.ts';
import { insertEvaluation } from '../modules/report-in/report-in.menu.repository.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { idCheckChar } from '../modules/member/member.rules.ts';
import { creditCodeCheckChar } from '../modules/report-in/report-in.rules.ts';
import { personName, phone, rng } from './demo-data.ts';

/**
 * 在职党员双报到 for the demo district, through the module's own use cases: 明德区教育局 (admin `unit1`; its members'
 * files are elsewhere, off the platform) and 明德城市建设投资集团 (admin `unit2`; its members are on the platform, one
 * of them the member account `reporter1`) register 15 members with 春晖, 朝阳, 和平 and 兴华; the communities confirm
 * most (three wait), 春晖 and 和平 offer posts, members claim them and log service over the past year (most approved,
 * some waiting, one not accepted), and last year's 五评议 is recorded. Registration dates are moved back a year after
 * the workflow ran, as the transfer demo does. About 120 writes: a second or two on PGlite.
 */

const COMMUNITY = {
  chunhui: '中共明德区东城街道春晖社区委员会',
  chaoyang: '中共明德区东城街道朝阳社区委员会',
  heping: '中共明德区西城街道和平社区委员会',
  xinghua: '中共明德区西城街道兴华社区委员会',
} as const;
type Community = keyof typeof COMMUNITY;
/** Who acts for each community (the real demo accounts where there is one, so notices and names look right). */
const STAFF: Record<Community, string> = { chunhui: 'community1', chaoyang: 'street1', heping: 'community2', xinghua: 'street2' };

const POSTS: { at: Community; kind: PostKind; title: string; description: string; capacity?: number }[] = [
  { at: 'chunhui', kind: 'post', title: '楼道文明劝导员', description: '居民反映楼道堆物多：每月一次巡查劝导，协助清理', capacity: 6 },
  { at: 'chunhui', kind: 'post', title: '社区议事协商志愿者', description: '参加“一征三议两公开”议事会，收集居民意见', capacity: 4 },
  { at: 'chunhui', kind: 'pairing', title: '结对帮扶独居老人（3号楼）', description: '每周上门或电话问候一次，帮助代购、就医陪同', capacity: 1 },
  { at: 'chunhui', kind: 'pairing', title: '困难家庭学生课业辅导', description: '周末线下或线上辅导初中数学、英语', capacity: 2 },
  { at: 'chunhui', kind: 'team', title: '春晖环境整治志愿服务队', description: '每月第一个周六上午集中清理小区公共区域' },
  { at: 'heping', kind: 'team', title: '和平社区应急服务队', description: '防汛、防疫等应急时段值守和物资分发', capacity: 10 },
  { at: 'heping', kind: 'post', title: '老年人智能手机课堂讲师', description: '居民需求：每月一次教老人用手机挂号、缴费', capacity: 3 },
];

const CONTENT = ['楼道巡查，劝导清理杂物 3 处', '参加社区议事会，记录居民意见', '上门看望结对老人，代购药品', '辅导结对学生数学作业', '参加环境整治，清理绿化带垃圾', '应急值守，分发防汛物资', '智能手机课堂授课：手机挂号'];

/** A synthetic valid ID number under a region code the district's own members never use (no accidental match). */
function offPlatformId(n: number, birth: string, male: boolean): string {
  const seq = String(100 + n * 2 + (male ? 1 : 0)).padStart(3, '0');
  const body = `110107${birth.replaceAll('-', '')}${seq}`;
  return body + idCheckChar(body);
}

const creditCode = (body17: string) => body17 + creditCodeCheckChar(body17);
const as = (ctx: Ctx, a: { id: string; username: string; displayName: string; kind?: Actor['kind'] }, over: Partial<Actor> = {}): Ctx => ({
  ...ctx,
  actor: { ...ctx.actor!, accountId: a.id, username: a.username, displayName: a.displayName, kind: a.kind ?? 'staff', ...over },
});

export async function seedReportIn(seedCtx: Ctx, opts: { password: string; log?: (s: string) => void }): Promise<{ registrations: number }> {
  const r = rng(20261126);
  const today = seedCtx.clock.today();
  const orgIdOf = async (name: string) => (await one<{ id: string }>(seedCtx.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
  const accountOf = async (username: string) => (await one<{ id: string; displayName: string }>(seedCtx.db, sql`SELECT id, display_name AS "displayName" FROM account WHERE username = ${username}`))!;
  const community: Record<Community, string> = { chunhui: await orgIdOf(COMMUNITY.chunhui), chaoyang: await orgIdOf(COMMUNITY.chaoyang), heping: await orgIdOf(COMMUNITY.heping), xinghua: await orgIdOf(COMMUNITY.xinghua) };
  const staff = async (c: Community) => {
    const a = await accountOf(STAFF[c]);
    return as(seedCtx, { id: a.id, username: STAFF[c], displayName: a.displayName });
  };

  // Units and their admins (the seed holds account.write over the district).
  const soeCommittee = await orgIdOf('中共明德城市建设投资集团有限公司委员会');
  const edu = await createUnitWithAdmin(seedCtx, { name: '明德区教育局', creditCode: creditCode('11110107MB0321456'), admin: { username: 'unit1', displayName: '教育局机关党委' } }, opts.password);
  const soe = await createUnitWithAdmin(seedCtx, { name: '明德城市建设投资集团有限公司', creditCode: creditCode('91110107MA01CT88X'), orgId: soeCommittee, admin: { username: 'unit2', displayName: '城投集团党委' } }, opts.password);
  const unitCtx = (id: string, username: string) => as(seedCtx, { id, username, displayName: username === 'unit1' ? '教育局机关党委' : '城投集团党委', kind: 'work_unit_admin' }, { grants: [], memberId: null });
  const eduCtx = unitCtx(edu.accountId, 'unit1');
  const soeCtx = unitCtx(soe.accountId, 'unit2');

  // 教育局: ten teachers and officials living in four communities (off the platform: their files are in the education system).
  const eduPlaces: Community[] = ['chunhui', 'chunhui', 'chunhui', 'chunhui', 'chunhui', 'chaoyang', 'chaoyang', 'heping', 'xinghua', 'xinghua'];
  const regs: { id: string; at: Community; wait: boolean; unit: 'edu' | 'soe'; memberId: string | null }[] = [];
  for (const [i, at] of eduPlaces.entries()) {
    const male = r.chance(0.45);
    const birth = `19${r.int(70, 95)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
    const v = await registerReportIn(eduCtx, { unitId: edu.unitId, name: personName(r, male ? 'male' : 'female'), idNumber: offPlatformId(i, birth, male), phone: phone(r), communityOrgId: community[at] });
    regs.push({ id: v.id, at, wait: i === 4 || i === 9, unit: 'edu', memberId: null });
  }
  // 城投集团: five members of its own branches on the platform, matched by ID number.
  const soeMembers = await rows<{ id: string; orgId: string; name: string; idNumberEnc: string }>(
    seedCtx.db,
    sql`SELECT m.id, m.org_id AS "orgId", m.name, m.id_number_enc AS "idNumberEnc" FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.parent_id = ${soeCommittee} AND m.state = 'active' AND m.status = 'full' AND m.category = 'resident' ORDER BY o.code, m.name, m.id LIMIT 5`,
  );
  const soePlaces: Community[] = ['chunhui', 'chunhui', 'chunhui', 'heping', 'heping'];
  for (const [i, m] of soeMembers.entries()) {
    // The unit types the ID number it holds; the seed takes it from the file it generated (the member module's AAD),
    // not through an audited unmask, which is for people reading files.
    const idNumber = seedCtx.crypto.decryptField(m.idNumberEnc, `member|idNumber|${m.id}`);
    const v = await registerReportIn(soeCtx, { unitId: soe.unitId, name: m.name, idNumber, communityOrgId: community[soePlaces[i]!] });
    regs.push({ id: v.id, at: soePlaces[i]!, wait: i === 4, unit: 'soe', memberId: m.id });
  }
  // reporter1: the first of them logs in to the H5 (member account, self scope).
  const reporterMember = soeMembers[0]!;
  const reporter = await createAccount(seedCtx, { username: 'reporter1', kind: 'member', password: opts.password, displayName: '在职党员', memberId: reporterMember.id });
  await grantRole(seedCtx, { accountId: reporter.id, role: 'member', orgId: reporterMember.orgId, bootstrap: true });
  const reporterCtx = as(seedCtx, { id: reporter.id, username: 'reporter1', displayName: '在职党员', kind: 'member' }, { grants: [], memberId: reporterMember.id });

  // Confirmations, then the dates moved back: registered 13 months ago, confirmed a week later; the waiting ones this week.
  const registeredOn = addMonths(today, -13);
  const confirmedOn = new Date(Date.parse(`${registeredOn}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const g of regs) if (!g.wait) await confirmReportIn(await staff(g.at), { id: g.id });
  const confirmed = regs.filter((g) => !g.wait).map((g) => g.id);
  await seedCtx.db.execute(sql`UPDATE report_in SET registered_on = ${registeredOn}, confirmed_on = ${confirmedOn},
      certificate_no = 'BD' || ${registeredOn.slice(0, 4)} || substr(certificate_no, 7) WHERE id = ANY(${sql.param(confirmed)}::uuid[])`);
  await seedCtx.db.execute(sql`UPDATE hosted_member SET started_on = ${confirmedOn} WHERE source_id = ANY(${sql.param(confirmed)}::uuid[])`);

  // The menu, claims and a year of service.
  const posts: { id: string; at: Community; capacity: number | null }[] = [];
  for (const p of POSTS) {
    const v = await createPost(await staff(p.at), { communityOrgId: community[p.at], kind: p.kind, title: p.title, description: p.description, ...(p.capacity ? { capacity: p.capacity } : {}) });
    posts.push({ id: v.id, at: p.at, capacity: p.capacity ?? null });
  }
  const taken = new Map<string, number>();
  const known = new Set<string>();
  let services = 0;
  for (const [i, g] of regs.filter((x) => !x.wait).entries()) {
    const actor = g.memberId === reporterMember.id ? reporterCtx : g.unit === 'edu' ? eduCtx : soeCtx;
    const open = posts.filter((p) => p.at === g.at && (p.capacity === null || (taken.get(p.id) ?? 0) < p.capacity));
    const mine = [open[i % open.length], open[(i + 2) % open.length]].filter((p, k, a): p is (typeof posts)[number] => !!p && a.indexOf(p) === k);
    for (const p of mine) {
      await claimPost(actor, { reportInId: g.id, postId: p.id });
      taken.set(p.id, (taken.get(p.id) ?? 0) + 1);
    }
    const logs = g.at === 'chunhui' || g.at === 'heping' ? r.int(2, 4) : r.int(0, 2);
    for (let k = 0; k < logs; k++) {
      const servedOn = addMonths(today, -r.int(0, 11)).slice(0, 8) + String(r.int(1, 28)).padStart(2, '0');
      if (servedOn < confirmedOn || servedOn > today) continue;
      const post = mine[k % Math.max(mine.length, 1)];
      const view = await logService(actor, { reportInId: g.id, servedOn, minutes: r.pick([60, 90, 120, 150, 180]), content: r.pick(CONTENT), ...(post ? { postId: post.id } : {}) });
      const logged = view.services.find((x) => !known.has(x.id))!;
      known.add(logged.id);
      services += 1;
      // The newest log of some members still waits for the community; one is not accepted (no visit happened).
      if (k === logs - 1 && i % 3 === 0) continue;
      const approve = !(i === 1 && k === 0);
      await decideService(await staff(g.at), { id: logged.id, approve, ...(approve ? {} : { note: '经核实当日未开展该项服务，请据实登记' }) });
    }
  }

  // Claims were made right after the community confirmed (the workflow stamped them now).
  await seedCtx.db.execute(sql`UPDATE report_claim SET claimed_at = ${`${confirmedOn}T10:00:00+08:00`}::timestamptz WHERE report_in_id = ANY(${sql.param(confirmed)}::uuid[])`);

  // Last year's 五评议 for the members confirmed then (the unit's leader, the community's three, reporter1's own),
  // written set-based with one audit event: the grades have no rule beyond one per rater and year.
  const lastYear = Number(today.slice(0, 4)) - 1;
  const grade = (): Grade => r.pick(['excellent', 'excellent', 'good', 'good', 'fair'] as const);
  let evaluations = 0;
  for (const g of regs.filter((x) => !x.wait)) {
    const by: [Rater, string][] = [['leader', g.unit === 'edu' ? '教育局机关党委' : '城投集团党委'], ['residents', STAFF[g.at]], ['community', STAFF[g.at]], ['organisation', STAFF[g.at]]];
    if (g.memberId === reporterMember.id) by.push(['self', '在职党员']);
    for (const [rater, name] of by) {
      await insertEvaluation(seedCtx.db, { reportInId: g.id, year: lastYear, rater, grade: rater === 'self' ? 'good' : grade(), comment: rater === 'self' ? '按时参加社区服务，今后多参加议事协商' : null, name, at: seedCtx.clock.now() });
      evaluations += 1;
    }
  }
  await writeAudit(seedCtx, { action: 'report_in.evaluate.bulk', targetType: 'report_in', details: { source: 'demo-seed', year: lastYear, evaluations } });
  opts.log?.(`demo report-in: ${regs.length} registrations (${regs.filter((g) => g.wait).length} waiting), ${posts.length} posts, ${services} service logs`);
  return { registrations: regs.length };
}
