import { test } from 'node:test';
import assert from 'node:assert/strict';
import { developmentSteps } from '@xianfeng/contracts/development/development.steps';
import { buildStepBody, initialValues, missingFields, stepFormFields } from './step-form-model';
import { moreThanHalf, tallyVote } from './vote';

void test('every step of the contracts gets a form whose fields all have labels and known kinds', () => {
  for (const s of developmentSteps) {
    for (const f of stepFormFields(s.key)) {
      assert.notEqual(f.label, f.name, `${s.key}.${f.name} has a label`);
      if (f.kind === 'choice') assert.ok(f.options?.every((o) => o.label !== o.value), `${s.key}.${f.name}: every choice is worded`);
      for (const r of f.rows ?? []) assert.notEqual(r.label, r.name, `${s.key}.${f.name}.${r.name}`);
    }
  }
});

void test('field kinds are read off the schemas', () => {
  const kinds = (k: Parameters<typeof stepFormFields>[0]) => Object.fromEntries(stepFormFields(k).map((f) => [f.name, f.kind]));
  assert.deepEqual(kinds('talk'), { talkers: 'texts', summary: 'longText' });
  assert.deepEqual(kinds('mentors'), { mentorMemberIds: 'members' });
  assert.equal(kinds('candidate_consent_notice').consentOn, 'date');
  assert.equal(kinds('candidate_consent_notice').consentOrgId, 'org');
  assert.equal(kinds('candidate_decision').opinionsHeard, 'confirm');
  assert.equal(kinds('training').online, 'switch');
  assert.equal(kinds('branch_vote').notCounted, 'rows');
  assert.ok(stepFormFields('branch_vote').filter((f) => f.vote).length >= 7);
  const mentors = stepFormFields('mentors')[0]!;
  assert.equal(mentors.minItems, 1);
  assert.equal(mentors.maxItems, 2);
});

void test('the same zod schema as the server decides whether the form is complete', () => {
  const common = { date: '2026-03-01', responsible: ['张书记'] };
  const empty = missingFields('talk', buildStepBody('talk', {}, common));
  assert.deepEqual([...empty.keys()].sort(), ['summary', 'talkers']);
  const body = buildStepBody('talk', { talkers: [' 张书记 '], summary: '谈了入党动机' }, common);
  assert.deepEqual(body, { step: 'talk', talkers: ['张书记'], summary: '谈了入党动机', date: '2026-03-01', responsible: ['张书记'] });
  assert.equal(missingFields('talk', body).size, 0);
  // Uploaded files go as their ids.
  const file = '0f8c3a52-6f0e-4a57-9a8e-3a6f1d2b4c5e';
  assert.deepEqual(buildStepBody('talk', { talkers: ['a'], summary: 'b' }, { ...common, attachments: [file] }).attachments, [file]);
  assert.ok(missingFields('talk', buildStepBody('talk', { talkers: ['a'], summary: 'b' }, {})).has('date'));
  // An override must say why.
  assert.ok(missingFields('talk', buildStepBody('talk', { talkers: ['a'], summary: 'b' }, { ...common, overrideReason: ' ' })).has('override'));
  // 听取意见 is a literal true: unticked is missing.
  assert.ok(missingFields('candidate_decision', buildStepBody('candidate_decision', { meeting: 'branch_committee', opinionsHeard: false }, common)).has('opinionsHeard'));
  assert.deepEqual(initialValues('branch_vote'), { writtenYes: 0, writtenNo: 0, notCounted: [] });
});

void test('ballot: quorum and pass are more than half of those who should attend; written yes counts as a vote, not presence', () => {
  assert.equal(moreThanHalf(10), 6);
  assert.equal(moreThanHalf(9), 5);
  const rows: [number, number, number, number, boolean, boolean][] = [
    // should, present, yes, writtenYes, quorum, passed
    [10, 5, 5, 0, false, false],
    [10, 6, 5, 0, true, false],
    [10, 6, 5, 1, true, true],
    [9, 5, 5, 0, true, true],
    [9, 4, 4, 1, false, true],
    [0, 0, 0, 0, false, false],
  ];
  for (const [should, present, yes, writtenYes, quorum, passed] of rows) {
    const t = tallyVote({ votingShouldAttend: should, votingPresent: present, yes, no: 0, abstain: 0, writtenYes, writtenNo: 0 });
    assert.equal(t.quorum, quorum, `quorum ${should}/${present}`);
    assert.equal(t.passed, passed, `pass ${should}/${yes}+${writtenYes}`);
  }
  assert.deepEqual(tallyVote({ votingShouldAttend: 5, votingPresent: 6, yes: 7, no: 0, abstain: 0 }).problems.length, 2);
  assert.equal(tallyVote({ votingShouldAttend: 5, votingPresent: 3 }).complete, false);
});
