import { sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { addMonths } from '../platform/dates.ts';
import { inSubtrees } from '../platform/access/access.ts';
import { endOutflow, importOutflows, issueMobileCertificate, markLostContact, recordReport, registerInflow, registerOutflow, type OutflowImportItem } from '../modules/mobile/mobile.service.ts';
import { dateBetween, idNumber, personName, phone, rng, type Rng } from './demo-data.ts';

/**
 * 流动党员 for the demo district, written through the mobile module's own use cases (so every row, audit
 * event and hosted relation is what the app itself would write). Per community, from its grid branches, in one
 * set-based import: one member away over six months at a fixed place with a 活动证 and reports (转接 due), one
 * away a few months with an expected return. Per street, one by one: one back home, one lost contact, one whose
 * yearly report is overdue. Inflow members are hosted in the first grid branch of a few communities, one of them
 * by a 活动证 issued on the platform. About 50 use-case calls and one import: a second or two on PGlite.
 */

export interface MobileSeedOptions {
  rootPath: string;
  /** Members the demo accounts log in as: left alone so their screens stay predictable. */
  exclude?: readonly string[];
  seed?: number;
  log?: (s: string) => void;
}

interface Candidate {
  id: string;
  orgId: string;
  communityId: string;
  streetId: string;
  branchRank: number;
}

const PLACES = [
  ['广东省深圳市南山区', '中共深圳市南山区粤海街道工作委员会', '外出务工'],
  ['浙江省杭州市余杭区', '中共杭州市余杭区五常街道工作委员会', '外出经商'],
  ['上海市浦东新区', null, '外出务工'],
  ['江苏省苏州市工业园区', '中共苏州工业园区斜塘街道工作委员会', '外出务工'],
  ['北京市海淀区', null, '外出学习'],
  ['四川省成都市高新区', null, '随子女居住'],
] as const;
const HOMES = ['中共河南省郑州市金水区文化路街道工作委员会', '中共湖北省武汉市江岸区球场街道工作委员会', '中共山东省济南市历下区泉城路街道工作委员会', '中共四川省成都市锦江区春熙路街道工作委员会'];

/** Active full members of community grid branches (not the accounts' own), with their community and street. */
function loadCandidates(ctx: Ctx, opts: MobileSeedOptions): Promise<Candidate[]> {
  const exclude = [...(opts.exclude ?? []), '00000000-0000-0000-0000-000000000000'];
  return rows<Candidate>(
    ctx.db,
    sql`SELECT m.id, m.org_id AS "orgId", c.id AS "communityId", c.parent_id AS "streetId",
               (SELECT count(*)::int FROM org s WHERE s.parent_id = c.id AND s.kind = 'branch' AND s.code < b.code) AS "branchRank"
        FROM member m JOIN org b ON b.id = m.org_id JOIN org c ON c.id = b.parent_id
        WHERE ${inSubtrees(sql`b.path`, [opts.rootPath])} AND b.kind = 'branch' AND b.domain = 'community' AND c.kind = 'committee'
          AND b.name LIKE '%网格党支部' AND m.state = 'active' AND m.status = 'full' AND m.category = 'resident'
          AND m.id <> ALL(${sql.param(exclude)}::uuid[])
        ORDER BY c.code, b.code, m.id`,
  );
}

export async function seedMobile(ctx: Ctx, opts: MobileSeedOptions): Promise<{ outflows: number; inflows: number }> {
  const r = rng(opts.seed ?? 20261125);
  const today = ctx.clock.today();
  const all = await loadCandidates(ctx, opts);
  const communities = [...new Set(all.map((c) => c.communityId))];
  // The first community of each street (in code order) gets the street's lost-contact and silent cases.
  const streetOf = new Map(all.map((c) => [c.communityId, c.streetId]));
  const firstOfStreet = new Set(communities.filter((id, i) => i === 0 || streetOf.get(id) !== streetOf.get(communities[i - 1]!)));
  let outflows = 0;
  /** One by one through the use case (for the cases that go on to other acts). */
  const register = async (m: Candidate, leftMonths: number) => {
    const [destination, inflowOrgName, reason] = r.pick(PLACES);
    outflows += 1;
    return registerOutflow(ctx, { memberId: m.id, destination, inflowOrgName, reason, contactPhone: phone(r), leftOn: addMonths(today, -leftMonths), fixedPlace: false });
  };
  const report = (id: string, kind: 'contact' | 'activity' | 'thought', monthsAgo: number, content: string) =>
    recordReport(ctx, { id, kind, reportedOn: addMonths(today, -monthsAgo), content });

  const picked = new Map<string, (Candidate | undefined)[]>();
  for (const c of communities) {
    // Members from different branches, the first grid branch (a demo account's) only for the transfer-due one.
    const pool = all.filter((x) => x.communityId === c);
    const byRank = (rank: number) => pool.filter((x) => x.branchRank === rank);
    picked.set(c, [byRank(0)[3], byRank(1)[2], byRank(2)[4], byRank(3)[1], byRank(1)[6]]);
  }

  const item = (m: Candidate, leftMonths: number, over: Partial<OutflowImportItem>): OutflowImportItem => {
    const [destination, inflowOrgName, reason] = r.pick(PLACES);
    return {
      memberId: m.id,
      destination,
      inflowOrgName,
      reason,
      contactPhone: phone(r),
      contactNote: r.chance(0.5) ? '微信同号' : null,
      leftOn: addMonths(today, -leftMonths),
      expectedReturnOn: null,
      fixedPlace: false,
      reports: [],
      certificate: false,
      ...over,
    };
  };
  const items: OutflowImportItem[] = [];
  for (const c of communities) {
    const [fixed, short] = picked.get(c)!;
    if (fixed) {
      const reports = [
        { kind: 'activity' as const, reportedOn: addMonths(today, -3), content: '参加流入地街道党工委组织的主题党日活动和专题党课。' },
        { kind: 'contact' as const, reportedOn: addMonths(today, -2), content: '电话联系，在外工作稳定，已在当地党组织参加组织生活。' },
      ];
      items.push(item(fixed, r.int(7, 14), { fixedPlace: true, reports, certificate: true }));
    }
    if (short) {
      const reports = [{ kind: 'contact' as const, reportedOn: addMonths(today, -1), content: '微信联系，近期务工情况良好，按时交纳党费。' }];
      items.push(item(short, r.int(2, 5), { expectedReturnOn: addMonths(today, r.int(1, 4)), reports }));
    }
  }
  outflows += (await importOutflows(ctx, { items, source: 'demo-seed' })).outflows;

  for (const c of communities) {
    if (!firstOfStreet.has(c)) continue;
    const [, , back, lost, silent] = picked.get(c)!;
    if (back) {
      const o = await register(back, r.int(6, 10));
      await report(o.id, 'thought', 3, '书面汇报外出期间思想和工作情况。');
      await endOutflow(ctx, { id: o.id, outcome: 'returned', endedOn: addMonths(today, -1), note: '已返回本社区居住' });
    }
    if (lost) {
      const o = await register(lost, 11);
      await report(o.id, 'contact', 9, '最后一次电话联系，称在外地打工。');
      await markLostContact(ctx, { id: o.id, since: addMonths(today, -8), note: '电话停机，家属也无法联系' });
    }
    if (silent) {
      // The branch keeps in touch, but the member has not reported for over a year.
      const o = await register(silent, 13);
      await report(o.id, 'contact', 2, '电话联系，本人在外务工，提醒其书面汇报。');
    }
  }

  const inflows = await seedInflows(ctx, r, all, communities);
  opts.log?.(`demo mobile members: ${outflows} outflow registrations, ${inflows} inflow members hosted`);
  return { outflows, inflows };
}

/**
 * Inflow members in the first grid branch of every fourth community: two or three from elsewhere with paper
 * 活动证s, and in the first of them a member of another community here with a 活动证 issued on the platform.
 */
async function seedInflows(ctx: Ctx, r: Rng, all: Candidate[], communities: string[]): Promise<number> {
  const today = ctx.clock.today();
  const taken = new Set<string>();
  let n = 0;
  for (const [i, c] of communities.entries()) {
    if (i % 4 !== 0) continue;
    const host = all.find((x) => x.communityId === c && x.branchRank === 0);
    if (!host) continue;
    for (let k = 0; k < r.int(2, 3); k++) {
      const gender = r.chance(0.6) ? 'male' : 'female';
      const birth = dateBetween(r, '1965-01-01', '1998-12-31');
      await registerInflow(ctx, {
        hostOrgId: host.orgId,
        name: personName(r, gender),
        idNumber: idNumber(r, birth, gender, taken),
        phone: phone(r),
        homeOrgName: r.pick(HOMES),
        homeOrgContact: '组织委员 电话见活动证',
        certificateNo: `流字〔${today.slice(0, 4)}〕第${r.int(100, 999)}号`,
        // One long-stayer per host: here over six months, so the 转接 reminder shows.
        arrivedOn: addMonths(today, -(k === 0 ? 8 : r.int(1, 4))),
        expectedLeaveOn: k === 0 ? null : addMonths(today, r.int(2, 6)),
      });
      n += 1;
    }
  }
  // A member of the second community, away to the first community's first branch with a platform 活动证.
  const host = all.find((x) => x.communityId === communities[0] && x.branchRank === 0);
  const guest = all.find((x) => x.communityId === communities[1] && x.branchRank === 4);
  if (host && guest) {
    const o = await registerOutflow(ctx, { memberId: guest.id, destination: '本区东城街道春晖社区', inflowOrgId: host.orgId, reason: '随子女居住', leftOn: addMonths(today, -2), fixedPlace: false });
    const cert = await issueMobileCertificate(ctx, { id: o.id });
    await registerInflow(ctx, { hostOrgId: host.orgId, name: o.memberName, homeOrgName: o.orgName, certificateNo: cert.certificateNo, arrivedOn: addMonths(today, -2) });
    n += 1;
  }
  return n;
}
