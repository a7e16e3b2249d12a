import { test } from 'node:test';
import assert from 'node:assert/strict';
import { educationText, namedIds, ruleText, stepDetails, zhDate, zhMonth } from './development.documents.text.ts';
import { overridableRules } from './development.rules.ts';

/** How the documents word dates, education, overridden rules and each step's record. */

const names = { member: (id: string) => ({ m1: '张三', m2: '李四' })[id] ?? '（已不在册）', org: (id: string) => ({ o1: '中共某某街道工作委员会' })[id] ?? '' };

test('dates and months the paper way; education codes as words', () => {
  assert.equal(zhDate('2026-01-05'), '2026年1月5日');
  assert.equal(zhDate(null), '');
  assert.equal(zhMonth('1993-02-14'), '1993年2月');
  assert.equal(educationText('20'), '大学本科');
  assert.equal(educationText('10'), '研究生');
  assert.equal(educationText('高中'), '高中');
  assert.equal(educationText(null), '');
});

test('every rule an override may pass has words', () => {
  for (const rule of overridableRules) assert.notEqual(ruleText(rule), rule, rule);
  assert.equal(ruleText('unknown_rule'), 'unknown_rule');
});

test('each step’s record in words', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['talk', { talkers: ['王书记', '赵委员'], summary: '了解入党动机' }, '谈话人：王书记、赵委员；谈话情况：了解入党动机'],
    ['activist_decision', { nomination: 'mass_org_recommendation', meeting: 'general_meeting' }, '推荐方式：群团组织推优；决定会议：支部党员大会'],
    ['mentors', { mentorMemberIds: ['m1', 'm2'] }, '培养联系人：张三、李四'],
    ['sponsors', { sponsorMemberIds: ['m1', 'gone'] }, '入党介绍人：张三、（已不在册）'],
    ['activist_filing', { filedWithOrgId: 'o1' }, '备案党委：中共某某街道工作委员会'],
    ['training', { days: 3, hours: 24, provider: '区委党校', online: true, certificateNo: 'X1' }, '集中培训 3 天、24 学时，区委党校，线上，结业证书编号 X1'],
    ['committee_review', { conclusion: 'pass', committeePresent: 4, committeeSize: 5 }, '审查结论：合格（通过）；到会支委 4 人（共 5 人）'],
    ['pre_review', { conclusion: 'fail', leavingWithin3Months: true }, '预审结论：不合格（不通过）；3 个月内将离开工作、学习单位'],
    [
      'branch_vote',
      { votingShouldAttend: 40, votingPresent: 30, yes: 25, no: 3, abstain: 2, writtenYes: 1, writtenNo: 0, notCounted: [{ name: '甲', reason: 'abroad' }], resolution: '同意接收' },
      '应到会有表决权的正式党员 40 人，实到 30 人；赞成 25 票、反对 3 票、弃权 2 票；未到会党员书面意见：赞成 1、反对 0；不计入应到会人数：甲（出国出境）；决议：同意接收',
    ],
    ['regularisation_vote', { votingShouldAttend: 10, votingPresent: 8, yes: 8, no: 0, abstain: 0, outcome: 'extend', extensionMonths: 6, resolution: '延长' }, '表决事项：延长预备期 6 个月；应到会有表决权的正式党员 10 人，实到 8 人；赞成 8 票、反对 0 票、弃权 0 票；决议：延长'],
    ['approval', { conclusion: 'approve', specialCaseReason: '党委换届' }, '审批结论：同意接收为中共预备党员；特殊情况：党委换届'],
    ['oath', { place: '党群服务中心', collective: true }, '宣誓地点：党群服务中心（集体宣誓）'],
    ['assign_group', {}, '编入党支部'],
    ['archive', { archivedTo: 'personnel_file' }, '归档去向：本人人事档案'],
    ['apply', {}, ''],
  ];
  for (const [key, fields, words] of cases) assert.equal(stepDetails(key, fields, names), words, key);
});

test('the ids a record names are looked up once', () => {
  assert.deepEqual(namedIds([{ fields: { mentorMemberIds: ['m1', 'm2'] } }, { fields: { sponsorMemberIds: ['m2', 'm3'], consentOrgId: 'o1' } }, { fields: { groupId: 'g1', filedWithOrgId: 'o1' } }]), {
    members: ['m1', 'm2', 'm3'],
    orgs: ['o1', 'g1'],
  });
});
