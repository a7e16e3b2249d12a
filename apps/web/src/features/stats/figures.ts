import type { OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { StatsOverview } from '@xianfeng/contracts/stats/stats.schemas';

/** The headline figures the dashboard and the big screen both show, derived only from the API's figures. */
export interface Headline {
  total: number;
  full: number;
  probationary: number;
  female: number;
  minority: number;
  /** 35岁及以下: the bands le30 and 31_35 (the 党内统计 youth line, regulations digest §5). */
  upTo35: number;
  /** 党组织 without 党小组 (a group is part of a branch, not an organisation the 党内统计 counts). */
  orgs: number;
  /** 党支部, 联合党支部 and 临时党支部. */
  branches: number;
  groups: number;
}

const branchKinds: readonly OrgKind[] = ['branch', 'joint_branch', 'temporary_branch'];

export function headline(o: StatsOverview): Headline {
  const m = o.members;
  const byKind = o.orgs.byKind;
  const sum = (kinds: readonly OrgKind[]) => kinds.reduce((n, k) => n + byKind[k], 0);
  return {
    total: m.total,
    full: m.byStatus.full,
    probationary: m.byStatus.probationary,
    female: m.byGender.female,
    minority: m.byEthnicity.minority,
    upTo35: m.byAgeBand.le30 + m.byAgeBand['31_35'],
    orgs: o.orgs.total - byKind.group,
    branches: sum(branchKinds),
    groups: byKind.group,
  };
}
