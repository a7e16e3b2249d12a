import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { chinaHolidayCalendar } from '../../platform/workdays.ts';
import { defaultDevelopmentRuleSettings, type ActingOrg, type CaseFacts, type PersonFacts, type StepContext, type TakenStep } from './development.rules.ts';

/** Fixtures for the pure rule tests (no database): one applicant's case, step by step, through all 25 steps. */

export const TODAY = '2026-11-22';
export const approver: ActingOrg = { id: 'street1', kind: 'working_committee', canApproveMembers: true };
export const generalBranch: ActingOrg = { id: 'gb1', kind: 'general_branch', canApproveMembers: false };

const person = (memberId: string, name: string, over: Partial<PersonFacts> = {}): PersonFacts => ({ memberId, name, status: 'full', state: 'active', disciplines: [], ...over });
export const people = new Map<string, PersonFacts>(
  [
    person('m1', '王红'),
    person('m2', '李明'),
    person('m3', '赵预备', { status: 'probationary' }),
    person('m4', '钱停止', { state: 'suspended' }),
    person('m5', '孙察看', { disciplines: [{ kind: 'probation', decidedOn: '2025-01-01', endsOn: '2027-01-01', rightsRestoredOn: null }] }),
    person('m6', '周恢复', { disciplines: [{ kind: 'probation', decidedOn: '2024-01-01', endsOn: '2026-01-01', rightsRestoredOn: '2025-01-01' }] }),
    person('m7', '吴警告', { disciplines: [{ kind: 'warning', decidedOn: '2025-01-10', endsOn: null, rightsRestoredOn: null }] }),
    person('m8', '郑严重警告', { disciplines: [{ kind: 'serious_warning', decidedOn: '2024-01-10', endsOn: null, rightsRestoredOn: null }] }),
    person('m9', '冯撤职', { disciplines: [{ kind: 'removal_from_post', decidedOn: '2023-06-30', endsOn: null, rightsRestoredOn: null }] }),
    person('m10', '陈期满', { disciplines: [{ kind: 'serious_warning', decidedOn: '2025-01-10', endsOn: '2025-03-01', rightsRestoredOn: null }] }),
  ].map((p) => [p.memberId, p]),
);

export function ctxOf(over: Partial<StepContext> = {}): StepContext {
  return { today: TODAY, calendar: chinaHolidayCalendar, people, actingOrg: approver, settings: { ...defaultDevelopmentRuleSettings }, ...over };
}

export const ballot = (over: Record<string, unknown> = {}) => ({ votingShouldAttend: 20, votingPresent: 15, yes: 14, no: 1, abstain: 0, writtenYes: 2, writtenNo: 0, notCounted: [], ...over });

export type Row = [StepKey, string, Record<string, unknown>];

/** A case that meets every limit: applied 2024-01-10, full member on 2026-06-10, archived 2026-07-10. */
export const happyPath: Row[] = [
  ['apply', '2024-01-10', {}],
  ['talk', '2024-02-05', { talkers: ['王红'], summary: '了解入党动机' }],
  ['activist_decision', '2024-03-15', { nomination: 'member_recommendation', meeting: 'branch_committee' }],
  ['activist_filing', '2024-03-20', { filedWithOrgId: 'street1' }],
  ['mentors', '2024-03-20', { mentorMemberIds: ['m1', 'm2'] }],
  ['assessment', '2024-09-10', { summary: '表现良好', conclusion: 'good' }],
  ['assessment', '2025-03-05', { summary: '表现良好', conclusion: 'good' }],
  ['candidate_decision', '2025-03-15', { meeting: 'branch_committee', opinionsHeard: true }],
  ['candidate_consent_notice', '2025-03-31', { consentOrgId: 'street1', consentOn: '2025-03-20', noticeFrom: '2025-03-24', noticeTo: '2025-03-28', noticePlace: '社区公示栏', noticeResult: 'no_objection' }],
  ['sponsors', '2025-04-01', { sponsorMemberIds: ['m1', 'm2'] }],
  ['political_review', '2025-04-10', { conclusion: 'pass', reviewOrg: '街道党工委', summary: '政治合格' }],
  ['training', '2025-04-15', { days: 3, hours: 0, provider: '区委党校', online: false }],
  ['committee_review', '2025-05-06', { conclusion: 'pass', committeePresent: 3, committeeSize: 5 }],
  ['pre_review', '2025-05-12', { conclusion: 'pass', leavingWithin3Months: false }],
  ['application_form', '2025-05-15', { formNo: 'RD2025001' }],
  ['branch_vote', '2025-06-10', { ...ballot(), resolution: '同意接收为预备党员' }],
  ['committee_talk', '2025-06-20', { talker: '组织员', talkerRole: 'organiser', summary: '谈话' }],
  ['approval', '2025-07-20', { conclusion: 'approve' }],
  ['approval_filing', '2025-07-25', { filedWith: '区委组织部' }],
  ['assign_group', '2025-07-25', {}],
  ['oath', '2025-08-15', { place: '社区党群服务中心', collective: false }],
  ['continued_education', '2026-01-10', { summary: '继续教育' }],
  ['regularisation_application', '2026-06-01', {}],
  ['regularisation_vote', '2026-06-10', { ...ballot(), outcome: 'regularise', resolution: '同意按期转正' }],
  ['regularisation_approval', '2026-07-01', { conclusion: 'approve' }],
  ['archive', '2026-07-10', { archivedTo: 'personnel_file' }],
];

export function factsOf(rows: readonly Row[], over: Partial<CaseFacts> = {}): CaseFacts {
  const seq = new Map<StepKey, number>();
  const steps: TakenStep[] = rows.map(([key, date, fields]) => {
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    return { key, seq: n, date, fields };
  });
  return { birthDate: '2000-05-10', appliedOn: rows[0]?.[1] ?? '2024-01-10', status: 'open', steps, ...over };
}

/** The happy path's steps before the first `key` (the case as it stands when `key` is to be taken). */
export function before(key: StepKey, extra: readonly Row[] = []): CaseFacts {
  const i = happyPath.findIndex(([k]) => k === key);
  return factsOf([...happyPath.slice(0, i), ...extra]);
}

/** The happy path's row for `key` (its date and fields), to vary one thing at a time. */
export const rowOf = (key: StepKey): Row => happyPath.find(([k]) => k === key)!;
