import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import { CODE_SEGMENT_WIDTH, MAX_CHILDREN_PER_PARENT } from '../apps/server/src/modules/org/org.rules.ts';
import type { Profile, Rng } from '../apps/server/src/seed/demo-data.ts';
import type { OrgRow } from '../apps/server/src/modules/org/org.repository.ts';

/**
 * A deterministic plan of an org tree of realistic shape, with the same 统一编码, seq and path scheme as
 * `createOrg` (ARCHITECTURE §2 "Paths and codes"): seq numbers are given in creation order, so the tree can be
 * inserted set-based into an empty org table and look exactly as if it had been created one org at a time.
 */

/** The columns of an org row that the plan decides (the rest take their defaults on insert). */
export type PlannedOrg = Pick<OrgRow, 'id' | 'seq' | 'code' | 'path' | 'parentId' | 'depth' | 'kind' | 'domain' | 'name' | 'unitName' | 'gridId' | 'canApproveMembers'>;

export interface PlannedGrid {
  id: string;
  orgId: string;
  name: string;
}

/** A member-holding org and what its members look like; `size` is set once the whole tree is planned. */
export interface PlannedBranch {
  orgId: string;
  profile: Profile;
  weight: number;
  size: number;
  unit: string | null;
  address: string;
  groupIds: string[];
  gridId: string | null;
}

export interface TreePlan {
  orgs: PlannedOrg[];
  grids: PlannedGrid[];
  branches: PlannedBranch[];
  root: PlannedOrg;
  /** 区委 (the root at city scale). */
  districts: PlannedOrg[];
  /** 街道党工委 / 镇党委, in creation order. */
  streets: PlannedOrg[];
}

const MEAN_BRANCH_SIZE = 20;
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (n: number) => (n <= 10 ? CN[n - 1]! : String(n));
const PLACE = '东南西北中长和平安康兴华光明新民团结胜利建设红星朝阳青年文化幸福锦绣丰泽春晖翠苑玉泉清河枫林龙潭金桥望京育才振兴永安福寿同心友谊繁荣富强蓝天白云松柏桃李杏花荷塘';
const FIRM_A = ['精密', '云帆', '同创', '华信', '恒通', '鼎盛', '瑞丰', '嘉禾', '远航', '博文', '汇智', '天成'];
const FIRM_B = ['科技', '机械', '物流', '电子', '餐饮', '建材', '商贸', '物业服务', '软件', '医药', '纺织', '文化传媒'];
const SOCIAL = ['慈善义工协会', '乐龄养老服务中心', '青年创业促进会', '书法家协会', '社工服务社', '律师事务所', '会计师事务所', '志愿者协会'];
const BUREAU = ['发展和改革局', '财政局', '教育局', '民政局', '人力资源和社会保障局', '住房和城乡建设局', '城市管理局', '市场监督管理局', '卫生健康委员会', '统计局', '审计局', '司法局', '商务局', '文化和旅游局', '应急管理局', '生态环境分局', '税务局', '医疗保障局', '退役军人事务局', '信访局'];

/** A uuid drawn from the seeded generator, so ids are the same on every run. */
function uuidFrom(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(r.next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function placeName(r: Rng): string {
  return r.pick([...PLACE]) + r.pick([...PLACE]);
}

/** Relative branch sizes by kind of unit (community and retired branches are large, 两新 branches small). */
const WEIGHT: Record<string, [number, number]> = {
  grid: [22, 48],
  retired: [28, 55],
  village: [18, 50],
  government: [8, 30],
  school: [12, 40],
  hospital: [15, 45],
  soe: [10, 40],
  private: [3, 14],
  social: [3, 9],
  joint: [5, 18],
};

class TreeBuilder {
  readonly orgs: PlannedOrg[] = [];
  readonly grids: PlannedGrid[] = [];
  readonly branches: PlannedBranch[] = [];
  private readonly children = new Map<string, number>();

  constructor(private readonly r: Rng) {}

  org(parent: PlannedOrg | null, o: { kind: OrgKind; domain: OrgDomain; name: string; unitName?: string; gridId?: string; canApproveMembers?: boolean }): PlannedOrg {
    const n = (this.children.get(parent?.id ?? '') ?? 0) + 1;
    if (n > MAX_CHILDREN_PER_PARENT) throw new Error(`plan puts more than ${MAX_CHILDREN_PER_PARENT} children under ${parent?.name}`);
    this.children.set(parent?.id ?? '', n);
    const seq = this.orgs.length + 1;
    const org: PlannedOrg = {
      id: uuidFrom(this.r),
      seq,
      code: (parent?.code ?? '') + String(n).padStart(CODE_SEGMENT_WIDTH, '0'),
      path: `${parent?.path ?? '/'}${seq.toString(36)}/`,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      kind: o.kind,
      domain: o.domain,
      name: o.name,
      unitName: o.unitName ?? null,
      gridId: o.gridId ?? null,
      canApproveMembers: o.canApproveMembers ?? false,
    };
    this.orgs.push(org);
    return org;
  }

  grid(orgId: string, name: string): PlannedGrid {
    const g = { id: uuidFrom(this.r), orgId, name };
    this.grids.push(g);
    return g;
  }

  /** A member-holding org with 0–3 党小组 when it is large enough to have them. */
  branch(
    parent: PlannedOrg,
    o: { kind?: OrgKind; domain: OrgDomain; name: string; unitName?: string; size: keyof typeof WEIGHT; profile: Profile; address: string; grid?: PlannedGrid },
  ): PlannedOrg {
    const org = this.org(parent, { kind: o.kind ?? 'branch', domain: o.domain, name: o.name, ...(o.unitName ? { unitName: o.unitName } : {}), ...(o.grid ? { gridId: o.grid.id } : {}) });
    const [lo, hi] = WEIGHT[o.size]!;
    const weight = this.r.int(lo, hi);
    const groupIds: string[] = [];
    const nGroups = weight >= 15 && this.r.chance(0.6) ? this.r.int(1, 3) : 0;
    for (let k = 1; k <= nGroups; k++) {
      const name = o.grid ? `${o.grid.name.replace(/第.+网格$/, '')}小区${this.r.int(1, 30)}号楼党小组` : `${o.name.replace(/党支部$/, '')}第${ordinal(k)}党小组`;
      groupIds.push(this.org(org, { kind: 'group', domain: o.domain, name }).id);
    }
    this.branches.push({ orgId: org.id, profile: o.profile, weight, size: 0, unit: o.unitName ?? null, address: o.address, groupIds, gridId: o.grid?.id ?? null });
    return org;
  }
}

/** How many branches a budget of members calls for, at least one. */
const branchesFor = (members: number) => Math.max(1, Math.round(members / MEAN_BRANCH_SIZE));

function planStreet(b: TreeBuilder, r: Rng, district: PlannedOrg, districtShort: string, members: number): PlannedOrg {
  const place = placeName(r);
  const township = r.chance(0.2);
  const street = township
    ? b.org(district, { kind: 'committee', domain: 'village', name: `中共${districtShort}${place}镇委员会` })
    : b.org(district, { kind: 'working_committee', domain: 'community', name: `中共${districtShort}${place}街道工作委员会`, canApproveMembers: r.chance(0.7) });
  const at = `${districtShort}${place}${township ? '镇' : '街道'}`;
  const budget = branchesFor(members);
  for (let i = 1; i <= r.int(1, 2); i++) {
    b.branch(street, { domain: 'government', name: `${at}机关第${ordinal(i)}党支部`, unitName: `${at}${township ? '人民政府' : '办事处'}`, size: 'government', profile: 'government', address: at });
  }
  // Three quarters of a street's branches sit in its communities or villages, about 6.5 branches each.
  let left = Math.round(budget * 0.75);
  while (left > 0) {
    const c = placeName(r);
    if (township) {
      const n = r.int(2, 6);
      const village = b.org(street, { kind: n >= 4 ? 'committee' : 'general_branch', domain: 'village', name: `中共${at}${c}村${n >= 4 ? '委员会' : '总支部委员会'}` });
      for (let i = 1; i <= n; i++) b.branch(village, { domain: 'village', name: `${c}村第${ordinal(i)}党支部`, size: 'village', profile: 'community', address: `${at}${c}村${i}组` });
      b.branch(village, { domain: 'village', name: `${c}村老年党支部`, size: 'retired', profile: 'retired', address: `${at}${c}村` });
      left -= n + 1;
      continue;
    }
    const grids = r.int(3, 7);
    const community = b.org(street, { kind: grids >= 4 ? 'committee' : 'general_branch', domain: 'community', name: `中共${at}${c}社区${grids >= 4 ? '委员会' : '总支部委员会'}` });
    for (let g = 1; g <= grids; g++) {
      const grid = b.grid(community.id, `${c}社区第${ordinal(g)}网格`);
      b.branch(community, { domain: 'community', name: `${c}社区第${ordinal(g)}网格党支部`, size: 'grid', profile: 'community', address: `${at}${c}社区${r.int(1, 40)}号楼`, grid });
    }
    b.branch(community, { domain: 'community', name: `${c}社区离退休党支部`, size: 'retired', profile: 'retired', address: `${at}${c}社区` });
    left -= grids + 1;
    if (r.chance(0.3)) {
      const unit = `${districtShort}${c}物业服务有限公司`;
      b.branch(community, { domain: 'private_enterprise', name: `${unit}党支部`, unitName: unit, size: 'private', profile: 'private', address: `${at}${c}社区` });
      left -= 1;
    }
  }
  // The rest: 非公企业 and 社会组织 (两新), joint branches, and now and then an enterprise committee.
  left = budget - Math.round(budget * 0.75);
  while (left > 0) {
    const roll = r.next();
    const unit = `${districtShort}${placeName(r)}${r.pick(FIRM_A)}${r.pick(FIRM_B)}有限公司`;
    if (roll < 0.5) {
      b.branch(street, { domain: 'private_enterprise', name: `${unit}党支部`, unitName: unit, size: 'private', profile: 'private', address: at });
      left -= 1;
    } else if (roll < 0.7) {
      const s = `${districtShort}${placeName(r)}${r.pick(SOCIAL)}`;
      b.branch(street, { domain: 'social_org', name: `${s}党支部`, unitName: s, size: 'social', profile: 'social', address: at });
      left -= 1;
    } else if (roll < 0.85) {
      b.branch(street, { kind: 'joint_branch', domain: 'private_enterprise', name: `${at}${placeName(r)}商圈联合党支部`, unitName: `${at}小微企业`, size: 'joint', profile: 'private', address: at });
      left -= 1;
    } else {
      const n = r.int(3, 6);
      const firm = b.org(street, { kind: 'committee', domain: 'private_enterprise', name: `中共${unit}委员会`, unitName: unit });
      for (let i = 1; i <= n; i++) b.branch(firm, { domain: 'private_enterprise', name: `${unit}第${ordinal(i)}党支部`, unitName: unit, size: 'soe', profile: 'private', address: at });
      left -= n;
    }
  }
  return street;
}

/** 区直: bureaus, schools, hospitals, state-owned groups and 两新 units reporting to the district directly. */
function planDirectUnits(b: TreeBuilder, r: Rng, district: PlannedOrg, short: string, members: number): void {
  const budget = branchesFor(members);
  const gov = b.org(district, { kind: 'working_committee', domain: 'government', name: `中共${short}直属机关工作委员会` });
  for (let left = Math.round(budget * 0.3), i = 0; left > 0; i++) {
    const unit = `${short}${BUREAU[i % BUREAU.length]}${i >= BUREAU.length ? `（${Math.floor(i / BUREAU.length) + 1}）` : ''}`;
    if (r.chance(0.4)) {
      const n = r.int(3, 8);
      const c = b.org(gov, { kind: 'committee', domain: 'government', name: `中共${unit}机关委员会`, unitName: unit });
      for (let k = 1; k <= n; k++) b.branch(c, { domain: 'government', name: `${unit}机关第${ordinal(k)}党支部`, unitName: unit, size: 'government', profile: 'government', address: unit });
      left -= n;
    } else {
      b.branch(gov, { domain: 'government', name: `${unit}机关党支部`, unitName: unit, size: 'government', profile: 'government', address: unit });
      left -= 1;
    }
  }
  const edu = b.org(district, { kind: 'working_committee', domain: 'school', name: `中共${short}教育工作委员会` });
  for (let left = Math.round(budget * 0.25); left > 0; ) {
    const school = `${short}${placeName(r)}${r.pick(['小学', '中学', '实验学校', '职业高级中学', '幼儿园'])}`;
    const n = r.int(2, 4);
    const gb = b.org(edu, { kind: 'general_branch', domain: 'school', name: `中共${school}总支部委员会`, unitName: school });
    for (let k = 1; k < n; k++) b.branch(gb, { domain: 'school', name: `${school}教师第${ordinal(k)}党支部`, unitName: school, size: 'school', profile: 'school', address: school });
    b.branch(gb, { domain: 'school', name: `${school}离退休教师党支部`, unitName: school, size: 'retired', profile: 'retired', address: school });
    left -= n;
  }
  const health = b.org(district, { kind: 'working_committee', domain: 'institution', name: `中共${short}卫生健康工作委员会` });
  for (let left = Math.round(budget * 0.15); left > 0; ) {
    const hospital = `${short}${placeName(r)}${r.pick(['人民医院', '中医医院', '妇幼保健院', '社区卫生服务中心'])}`;
    const n = r.int(4, 12);
    const c = b.org(health, { kind: 'committee', domain: 'institution', name: `中共${hospital}委员会`, unitName: hospital });
    for (let k = 1; k <= n; k++) b.branch(c, { domain: 'institution', name: `${hospital}${r.pick(['内科', '外科', '医技', '护理', '行政后勤', '门诊'])}第${ordinal(k)}党支部`, unitName: hospital, size: 'hospital', profile: 'school', address: hospital });
    left -= n;
  }
  const soe = b.org(district, { kind: 'committee', domain: 'soe', name: `中共${short}国有资产监督管理委员会委员会` });
  for (let left = Math.round(budget * 0.2); left > 0; ) {
    const group = `${short}${placeName(r)}${r.pick(['城市建设投资', '水务', '交通', '文化旅游', '国有资本运营'])}集团有限公司`;
    const c = b.org(soe, { kind: 'committee', domain: 'soe', name: `中共${group}委员会`, unitName: group });
    const subs = r.int(2, 5);
    for (let s = 1; s <= subs; s++) {
      const sub = b.org(c, { kind: 'general_branch', domain: 'soe', name: `中共${group}第${ordinal(s)}分公司总支部委员会`, unitName: group });
      const n = r.int(2, 4);
      for (let k = 1; k <= n; k++) b.branch(sub, { domain: 'soe', name: `${group}第${ordinal(s)}分公司第${ordinal(k)}党支部`, unitName: group, size: 'soe', profile: 'soe', address: group });
      left -= n;
    }
  }
  const twoNew = b.org(district, { kind: 'working_committee', domain: 'private_enterprise', name: `中共${short}非公有制经济组织和社会组织工作委员会` });
  for (let left = Math.round(budget * 0.1); left > 0; left--) {
    const social = r.chance(0.35);
    const unit = social ? `${short}${placeName(r)}${r.pick(SOCIAL)}` : `${short}${placeName(r)}${r.pick(FIRM_A)}${r.pick(FIRM_B)}有限公司`;
    b.branch(twoNew, { domain: social ? 'social_org' : 'private_enterprise', name: `${unit}党支部`, unitName: unit, size: social ? 'social' : 'private', profile: social ? 'social' : 'private', address: unit });
  }
}

/** One 区委 subtree: 区直 units (≈ 35% of members) and 20–30 streets/townships of varying size (≈ 65%). */
function planDistrict(b: TreeBuilder, r: Rng, parent: PlannedOrg | null, name: string, members: number, streets: PlannedOrg[]): PlannedOrg {
  const short = `${name}区`;
  const district = b.org(parent, { kind: parent ? 'committee' : 'local_committee', domain: 'government', name: `中共${short}委员会`, canApproveMembers: true });
  planDirectUnits(b, r, district, short, members * 0.35);
  const n = r.int(20, 30);
  const shares = Array.from({ length: n }, () => 0.5 + r.next());
  const total = shares.reduce((a, s) => a + s, 0);
  for (const s of shares) streets.push(planStreet(b, r, district, short, (members * 0.65 * s) / total));
  return district;
}

/**
 * Branch sizes: each branch's weight scaled so the sizes add up to exactly `members` (at least 3 per branch,
 * the minimum for a branch, 支部工作条例 第五条).
 */
function assignSizes(r: Rng, branches: PlannedBranch[], members: number): void {
  const totalWeight = branches.reduce((a, x) => a + x.weight, 0);
  let sum = 0;
  for (const x of branches) {
    x.size = Math.max(3, Math.round((x.weight * members) / totalWeight));
    sum += x.size;
  }
  // Rounding leaves a small difference: spread it one member at a time over random branches.
  while (sum !== members) {
    const x = r.pick(branches);
    if (sum < members) {
      x.size++;
      sum++;
    } else if (x.size > 3) {
      x.size--;
      sum--;
    }
  }
}

export type TreeShape = { kind: 'district'; members: number } | { kind: 'province'; members: number; cities: number };

export function planTree(r: Rng, shape: TreeShape): TreePlan {
  const b = new TreeBuilder(r);
  const streets: PlannedOrg[] = [];
  const districts: PlannedOrg[] = [];
  let root: PlannedOrg;
  if (shape.kind === 'district') {
    root = planDistrict(b, r, null, '临江', shape.members, streets);
    districts.push(root);
  } else {
    root = b.org(null, { kind: 'local_committee', domain: 'government', name: '中共江南省委员会', canApproveMembers: true });
    const cityShares = Array.from({ length: shape.cities }, () => 0.5 + r.next());
    const cityTotal = cityShares.reduce((a, s) => a + s, 0);
    for (const cs of cityShares) {
      const cityName = placeName(r);
      const city = b.org(root, { kind: 'committee', domain: 'government', name: `中共${cityName}市委员会`, canApproveMembers: true });
      const n = r.int(6, 12);
      const shares = Array.from({ length: n }, () => 0.5 + r.next());
      const total = shares.reduce((a, s) => a + s, 0);
      for (const s of shares) districts.push(planDistrict(b, r, city, placeName(r), (shape.members * (cs / cityTotal) * s) / total, streets));
    }
  }
  assignSizes(r, b.branches, shape.members);
  return { orgs: b.orgs, grids: b.grids, branches: b.branches, root, districts, streets };
}
