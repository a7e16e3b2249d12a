import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { orgDomains, orgKinds, type OrgDomain, type OrgKind, type OrgWarningCode } from '@xianfeng/contracts/org/org.enums';
import { settingsCatalogue } from '@xianfeng/contracts/settings/settings.catalogue';
import {
  childCode,
  kindAllowedUnder,
  MAX_CHILDREN_PER_PARENT,
  nextCodeSegment,
  structuralWarnings,
  termEnd,
  termYears,
  type WarningInput,
  type WarningSettings,
} from './org.rules.ts';

/** The regulation defaults, read from the settings catalogue so the test also pins the catalogue. */
const TERMS = {
  committee: settingsCatalogue['org.termYears.committee'].default,
  branch: settingsCatalogue['org.termYears.branch'].default,
  communityBranch: settingsCatalogue['org.termYears.communityBranch'].default,
};
const WARN: WarningSettings = {
  branchMinFullMembers: settingsCatalogue['org.branchMinFullMembers'].default,
  branchMaxMembers: settingsCatalogue['org.branchMaxMembers'].default,
  committeeThreshold: settingsCatalogue['org.committeeThreshold'].default,
  electionWarningMonths: settingsCatalogue['org.electionWarningMonths'].default,
};
const TODAY = '2026-11-22';

describe('settings defaults are the regulation values (regulations digest §2.1, §2.2)', () => {
  test('terms 5 / 3 / 5; ≥ 3 full members; ≤ 50 members; committee from 7 full members; warn 6 months ahead', () => {
    assert.deepEqual(TERMS, { committee: 5, branch: 3, communityBranch: 5 });
    assert.deepEqual(WARN, { branchMinFullMembers: 3, branchMaxMembers: 50, committeeThreshold: 7, electionWarningMonths: 6 });
  });
});

describe('termYears per kind × domain (支部工作条例 第二十一条; 中办 2018 任期意见)', () => {
  const expected = (kind: OrgKind, domain: OrgDomain): number | null => {
    const villageOrCommunity = domain === 'community' || domain === 'village';
    switch (kind) {
      case 'committee':
        return 5; // 基层党委 5 years, whatever the domain
      case 'general_branch':
      case 'branch':
      case 'joint_branch':
        return villageOrCommunity ? 5 : 3;
      case 'local_committee': // its congress is outside this system
      case 'working_committee': // 党工委 is dispatched, not elected
      case 'temporary_branch': // not elected
      case 'group':
        return null;
    }
  };
  for (const kind of orgKinds) {
    test(`${kind}: ${orgDomains.map((d) => `${d}=${expected(kind, d)}`).join(' ')}`, () => {
      for (const domain of orgDomains) assert.equal(termYears(kind, domain, TERMS), expected(kind, domain), `${kind} in ${domain}`);
    });
  }

  test('the lengths come from the settings, not constants', () => {
    const s = { committee: 4, branch: 5, communityBranch: 3 };
    assert.equal(termYears('committee', 'soe', s), 4);
    assert.equal(termYears('branch', 'government', s), 5);
    assert.equal(termYears('branch', 'village', s), 3);
    assert.equal(termYears('general_branch', 'community', s), 3);
    assert.equal(termYears('working_committee', 'community', s), null);
  });
});

describe('termEnd: election due on the same day N years on (regulations digest §10)', () => {
  const table: [string, number, string][] = [
    ['2023-11-22', 3, '2026-11-22'],
    ['2021-11-22', 5, '2026-11-22'],
    ['2024-02-29', 4, '2028-02-29'], // leap to leap
    ['2024-02-29', 5, '2029-02-28'], // no 29 Feb in 2029: last day of February ("within N months")
    ['2024-02-29', 3, '2027-02-28'],
    ['2023-02-28', 5, '2028-02-28'],
    ['2023-03-01', 5, '2028-03-01'],
    ['2025-12-31', 3, '2028-12-31'],
  ];
  for (const [start, years, end] of table) {
    test(`${start} + ${years} years → ${end}`, () => assert.equal(termEnd(start, years), end));
  }
});

describe('structuralWarnings (regulations digest §2.1, §2.2, §2.4)', () => {
  const branch = (over: Partial<WarningInput>): WarningInput => ({
    kind: 'branch',
    parentKind: 'committee',
    members: 20,
    fullMembers: 18,
    committeeSize: 3,
    hasSecretary: true,
    termEnd: '2028-06-30',
    today: TODAY,
    ...over,
  });
  const table: [string, WarningInput, OrgWarningCode[]][] = [
    ['a healthy branch', branch({}), []],
    // ≥ 3 full members (支部工作条例 第四条)
    ['2 full members', branch({ members: 3, fullMembers: 2, committeeSize: 0 }), ['BRANCH_TOO_FEW_FULL_MEMBERS']],
    ['exactly 3 full members', branch({ members: 3, fullMembers: 3, committeeSize: 0 }), []],
    ['0 full members, 4 probationary', branch({ members: 4, fullMembers: 0, committeeSize: 0 }), ['BRANCH_TOO_FEW_FULL_MEMBERS']],
    ['a joint branch with 2 full members', branch({ kind: 'joint_branch', members: 2, fullMembers: 2, committeeSize: 0 }), ['BRANCH_TOO_FEW_FULL_MEMBERS']],
    ['a temporary branch with 2 full members', branch({ kind: 'temporary_branch', members: 2, fullMembers: 2, committeeSize: 0, termEnd: null }), ['BRANCH_TOO_FEW_FULL_MEMBERS']],
    // ≤ 50 members (第四条): 50 itself is fine
    ['exactly 50 members', branch({ members: 50, fullMembers: 48 }), []],
    ['51 members', branch({ members: 51, fullMembers: 48 }), ['BRANCH_TOO_MANY_MEMBERS']],
    ['64 members', branch({ members: 64, fullMembers: 60, committeeSize: 5 }), ['BRANCH_TOO_MANY_MEMBERS']],
    // ≥ 7 full members → a committee of 3–5 (第二十条)
    ['6 full members, no committee', branch({ members: 6, fullMembers: 6, committeeSize: 0 }), []],
    ['exactly 7 full members, no committee', branch({ members: 7, fullMembers: 7, committeeSize: 0 }), ['BRANCH_COMMITTEE_MISSING']],
    ['7 full members, only 2 committee members', branch({ members: 7, fullMembers: 7, committeeSize: 2 }), ['BRANCH_COMMITTEE_MISSING']],
    ['7 full members, a committee of 3', branch({ members: 7, fullMembers: 7, committeeSize: 3 }), []],
    ['6 full + 3 probationary, no committee', branch({ members: 9, fullMembers: 6, committeeSize: 0 }), []],
    ['a temporary branch with 10 full members and no committee', branch({ kind: 'temporary_branch', members: 10, fullMembers: 10, committeeSize: 0, termEnd: null }), []],
    // Not branches: the member thresholds do not apply.
    ['a general branch with 2 full members', branch({ kind: 'general_branch', members: 2, fullMembers: 2, committeeSize: 0 }), []],
    ['a committee with 80 members', branch({ kind: 'committee', members: 80, fullMembers: 80, committeeSize: 0 }), []],
    // Terms (选举工作条例 第三条)
    ['term ended yesterday', branch({ termEnd: '2026-11-21' }), ['TERM_EXPIRED']],
    ['term ends today (not yet expired, due)', branch({ termEnd: TODAY }), ['ELECTION_DUE_SOON']],
    ['term ends tomorrow', branch({ termEnd: '2026-11-23' }), ['ELECTION_DUE_SOON']],
    ['term ends in exactly 6 months', branch({ termEnd: '2027-05-22' }), ['ELECTION_DUE_SOON']],
    ['term ends in 6 months and a day', branch({ termEnd: '2027-05-23' }), []],
    ['term ends long ago', branch({ termEnd: '2020-01-01' }), ['TERM_EXPIRED']],
    ['no term recorded', branch({ termEnd: null }), []],
    ['6 months from 31 Aug is 28 Feb (due)', branch({ today: '2026-08-31', termEnd: '2027-02-28' }), ['ELECTION_DUE_SOON']],
    ['6 months from 31 Aug, 1 Mar is beyond', branch({ today: '2026-08-31', termEnd: '2027-03-01' }), []],
    ['6 months from 31 Aug 2027 is 29 Feb 2028 (due)', branch({ today: '2027-08-31', termEnd: '2028-02-29' }), ['ELECTION_DUE_SOON']],
    // 党小组 belong under a branch (第十三条)
    ['a group under a committee', branch({ kind: 'group', parentKind: 'committee', members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), ['GROUP_OUTSIDE_BRANCH']],
    ['a group under a working committee', branch({ kind: 'group', parentKind: 'working_committee', members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), ['GROUP_OUTSIDE_BRANCH']],
    ['a group at the root', branch({ kind: 'group', parentKind: null, members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), ['GROUP_OUTSIDE_BRANCH']],
    ['a group under a branch', branch({ kind: 'group', parentKind: 'branch', members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), []],
    ['a group under a joint branch', branch({ kind: 'group', parentKind: 'joint_branch', members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), []],
    ['a group under a temporary branch', branch({ kind: 'group', parentKind: 'temporary_branch', members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), []],
    ['a group under a general branch (which may hold members)', branch({ kind: 'group', parentKind: 'general_branch', members: 0, fullMembers: 0, committeeSize: 0, termEnd: null }), []],
    // Every org but a 党小组 is headed by a 书记 (支部工作条例 第二十条、第二十一条).
    ['a branch whose 班子 has a deputy but no secretary', branch({ committeeSize: 3, hasSecretary: false }), ['SECRETARY_MISSING']],
    ['a small branch with no 班子 at all', branch({ members: 4, fullMembers: 4, committeeSize: 0, hasSecretary: false }), ['SECRETARY_MISSING']],
    ['a temporary branch without a secretary', branch({ kind: 'temporary_branch', committeeSize: 0, hasSecretary: false, termEnd: null }), ['SECRETARY_MISSING']],
    ['a general branch without a secretary', branch({ kind: 'general_branch', hasSecretary: false }), ['SECRETARY_MISSING']],
    ...(['committee', 'working_committee', 'local_committee'] as const).map((kind): [string, WarningInput, OrgWarningCode[]] => [`a ${kind} without a secretary`, branch({ kind, parentKind: null, hasSecretary: false, termEnd: null }), ['SECRETARY_MISSING']]),
    ['a group records no secretary (its head is a 组长)', branch({ kind: 'group', parentKind: 'branch', members: 0, fullMembers: 0, committeeSize: 0, hasSecretary: false, termEnd: null }), []],
    // Several at once, in a stable order.
    ['2 full members and an expired term', branch({ members: 2, fullMembers: 2, committeeSize: 0, termEnd: '2025-01-01' }), ['BRANCH_TOO_FEW_FULL_MEMBERS', 'TERM_EXPIRED']],
    ['58 members, no committee, term due', branch({ members: 58, fullMembers: 55, committeeSize: 1, termEnd: '2027-01-15' }), ['BRANCH_TOO_MANY_MEMBERS', 'BRANCH_COMMITTEE_MISSING', 'ELECTION_DUE_SOON']],
    ['no committee, no secretary, term expired', branch({ members: 9, fullMembers: 9, committeeSize: 0, hasSecretary: false, termEnd: '2025-01-01' }), ['BRANCH_COMMITTEE_MISSING', 'SECRETARY_MISSING', 'TERM_EXPIRED']],
  ];
  for (const [name, input, codes] of table) {
    test(`${name} → ${codes.join(', ') || 'no warning'}`, () => assert.deepEqual(structuralWarnings(input, WARN), codes));
  }

  test('thresholds follow the settings', () => {
    const s = { branchMinFullMembers: 5, branchMaxMembers: 30, committeeThreshold: 9, electionWarningMonths: 1 };
    assert.deepEqual(structuralWarnings(branch({ members: 31, fullMembers: 4, committeeSize: 0, termEnd: '2026-12-22' }), s), ['BRANCH_TOO_FEW_FULL_MEMBERS', 'BRANCH_TOO_MANY_MEMBERS', 'ELECTION_DUE_SOON']);
    assert.deepEqual(structuralWarnings(branch({ members: 30, fullMembers: 8, committeeSize: 0, termEnd: '2026-12-23' }), s), []);
    assert.deepEqual(structuralWarnings(branch({ members: 30, fullMembers: 9, committeeSize: 0, termEnd: null }), s), ['BRANCH_COMMITTEE_MISSING']);
  });
});

describe('统一编码: nextCodeSegment and childCode', () => {
  const all = (except: number[] = []) => Array.from({ length: MAX_CHILDREN_PER_PARENT }, (_, i) => i + 1).filter((n) => !except.includes(n));
  const table: [string, number[], number | null][] = [
    ['first child', [], 1],
    ['after 1, 2, 3', [1, 2, 3], 4],
    ['after the highest, gaps of dissolved orgs stay taken', [1, 5], 6],
    ['unordered input', [7, 2, 4], 8],
    ['998 used', all([999]), 999],
    ['all 999 used', all(), null],
    ['999 used, the first gap is reused', all([1]), 1],
    ['999 used, gaps 500 and 700 → 500', all([500, 700]), 500],
  ];
  for (const [name, used, next] of table) {
    test(`${name} → ${next}`, () => assert.equal(nextCodeSegment(used), next));
  }

  test('property: the next segment is in 1…999, unused, and is max + 1 while there is room', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: MAX_CHILDREN_PER_PARENT }), { maxLength: 999 }), (used) => {
        const next = nextCodeSegment(used);
        if (used.length === MAX_CHILDREN_PER_PARENT) return assert.equal(next, null);
        assert.ok(next !== null && next >= 1 && next <= MAX_CHILDREN_PER_PARENT && !used.includes(next));
        const max = used.length ? Math.max(...used) : 0;
        if (max < MAX_CHILDREN_PER_PARENT) assert.equal(next, max + 1);
      }),
    );
  });

  test('childCode appends a zero-padded 3-digit segment', () => {
    assert.equal(childCode('', 1), '001');
    assert.equal(childCode('001', 7), '001007');
    assert.equal(childCode('001007', 42), '001007042');
    assert.equal(childCode('001007', 999), '001007999');
  });

  test('property: codes sort and prefix-match like the tree', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 998 }), (path, seg) => {
        const parent = path.reduce((code, s) => childCode(code, s), '');
        const a = childCode(parent, seg);
        const b = childCode(parent, seg + 1);
        assert.ok(a.startsWith(parent) && a.length === parent.length + 3);
        assert.ok(a < b);
        assert.ok(childCode(a, 999) < b, 'a whole subtree sorts before the next sibling');
      }),
    );
  });
});

describe('kindAllowedUnder: the full parent × child matrix', () => {
  // Rows: parent (null = root); columns in orgKinds order:
  // local_committee committee working_committee general_branch branch joint_branch temporary_branch group
  const matrix: [OrgKind | null, string][] = [
    [null, '1 1 1 0 0 0 0 0'],
    ['local_committee', '0 1 1 1 1 1 1 1'],
    ['committee', '0 1 1 1 1 1 1 1'],
    ['working_committee', '0 1 1 1 1 1 1 1'],
    ['general_branch', '0 0 0 0 1 1 1 1'],
    ['branch', '0 0 0 0 0 0 0 1'],
    ['joint_branch', '0 0 0 0 0 0 0 1'],
    ['temporary_branch', '0 0 0 0 0 0 0 1'],
    ['group', '0 0 0 0 0 0 0 0'],
  ];
  assert.deepEqual(orgKinds, ['local_committee', 'committee', 'working_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'group']);
  for (const [parent, row] of matrix) {
    test(`under ${parent ?? '(root)'}: ${row}`, () => {
      const flags = row.split(' ');
      orgKinds.forEach((kind, i) => assert.equal(kindAllowedUnder(parent, kind), flags[i] === '1', `${kind} under ${parent}`));
    });
  }
});
