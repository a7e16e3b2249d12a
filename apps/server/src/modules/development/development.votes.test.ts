import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Vote } from '@xianfeng/contracts/development/development.steps';
import { committeeQuorumMet, generalMeetingResult, voteOf } from './development.votes.ts';

const vote = (over: Partial<Vote>): Vote => ({ votingShouldAttend: 10, votingPresent: 10, yes: 10, no: 0, abstain: 0, writtenYes: 0, writtenNo: 0, notCounted: [], ...over });
const rules = (v: Vote) => generalMeetingResult(v).findings.map((f) => f.rule);

describe('general meeting quorum: present > half of those who should attend (细则 第十九条)', () => {
  const table: [number, number, boolean][] = [
    [10, 5, false], // exactly half is not more than half
    [10, 6, true],
    [9, 4, false],
    [9, 5, true],
    [1, 1, true],
    [2, 1, false],
    [0, 0, false], // nobody to attend, no vote
  ];
  for (const [should, present, quorum] of table) {
    test(`${present} of ${should} present → ${quorum ? 'quorum' : 'no quorum'}`, () => {
      const r = generalMeetingResult(vote({ votingShouldAttend: should, votingPresent: present, yes: present }));
      assert.equal(r.quorum, quorum);
      if (!quorum) assert.ok(rules(vote({ votingShouldAttend: should, votingPresent: present, yes: present })).includes('vote_quorum'));
    });
  }
  test('written opinions of absent members count as votes, never as presence (§10)', () => {
    const r = generalMeetingResult(vote({ votingShouldAttend: 10, votingPresent: 5, yes: 5, writtenYes: 5 }));
    assert.equal(r.quorum, false);
    assert.equal(r.passed, false);
    assert.equal(r.findings[0]!.path, 'votingPresent');
    assert.equal(r.findings[0]!.article, '第十九条');
  });
});

describe('general meeting pass: yes > half of those who should attend, written yes counted (第二十条)', () => {
  const table: [string, Partial<Vote>, boolean][] = [
    ['5 yes of 10 is only half', { votingPresent: 8, yes: 5, no: 3 }, false],
    ['6 yes of 10', { votingPresent: 8, yes: 6, no: 2 }, true],
    ['5 yes + 1 written yes of 10', { votingPresent: 6, yes: 5, no: 1, writtenYes: 1 }, true],
    ['5 yes + 1 written no of 10', { votingPresent: 6, yes: 5, no: 1, writtenNo: 1 }, false],
    ['all present, yes is measured against those who should attend, not present', { votingShouldAttend: 10, votingPresent: 7, yes: 5, no: 0, abstain: 2 }, false],
    ['odd: 5 yes of 9', { votingShouldAttend: 9, votingPresent: 9, yes: 5, no: 4 }, true],
    ['odd: 4 yes + 0 written of 9', { votingShouldAttend: 9, votingPresent: 9, yes: 4, no: 5 }, false],
  ];
  for (const [why, over, passed] of table) {
    test(why, () => {
      const r = generalMeetingResult(vote(over));
      assert.equal(r.passed, passed);
      assert.equal(rules(vote(over)).includes('vote_passed'), !passed);
    });
  }
});

describe('inconsistent counts are refused, never silently passed', () => {
  const table: [string, Partial<Vote>, string][] = [
    ['present above should attend', { votingShouldAttend: 10, votingPresent: 11, yes: 11 }, 'votingPresent'],
    ['ballots above present', { votingPresent: 8, yes: 6, no: 2, abstain: 1 }, 'yes'],
    ['written opinions above the absent', { votingPresent: 9, yes: 9, writtenYes: 1, writtenNo: 1 }, 'writtenYes'],
    ['written opinions when everyone was present', { votingPresent: 10, yes: 10, writtenYes: 1 }, 'writtenYes'],
  ];
  for (const [why, over, path] of table) {
    test(why, () => {
      const r = generalMeetingResult(vote(over));
      assert.equal(r.passed, false);
      const f = r.findings.find((x) => x.rule === 'vote_counts');
      assert.ok(f, JSON.stringify(r.findings));
      assert.equal(f.path, path);
      assert.equal(f.code, 'DEVELOPMENT_PRECONDITION');
    });
  }
  test('fewer ballots than present is fine (a blank or spoilt ballot)', () => {
    assert.equal(generalMeetingResult(vote({ votingPresent: 10, yes: 8, no: 0 })).passed, true);
  });
});

describe('properties', () => {
  const counts = fc.record({ should: fc.integer({ min: 0, max: 60 }), present: fc.integer({ min: 0, max: 60 }), yes: fc.integer({ min: 0, max: 60 }), no: fc.integer({ min: 0, max: 60 }), wy: fc.integer({ min: 0, max: 10 }) });
  test('passed ⇒ quorum, consistent counts and (yes + written yes) × 2 > should attend', () => {
    fc.assert(
      fc.property(counts, ({ should, present, yes, no, wy }) => {
        const v = vote({ votingShouldAttend: should, votingPresent: present, yes, no, writtenYes: wy });
        const r = generalMeetingResult(v);
        if (!r.passed) return r.findings.length > 0;
        return r.quorum && present <= should && yes + no <= present && wy <= should - present && (yes + wy) * 2 > should && r.findings.length === 0;
      }),
    );
  });
});

describe('voteOf reads stored fields', () => {
  test('missing counts default to 0', () => {
    assert.deepEqual(voteOf({ votingShouldAttend: 3, votingPresent: 2, yes: 2, resolution: 'x' }), { votingShouldAttend: 3, votingPresent: 2, yes: 2, no: 0, abstain: 0, writtenYes: 0, writtenNo: 0, notCounted: [] });
  });
});

describe('committee quorum "半数以上委员到会" = present ≥ ⌈n/2⌉ (§10)', () => {
  const table: [number, number, boolean][] = [
    [5, 2, false],
    [5, 3, true],
    [4, 2, true],
    [3, 1, false],
    [3, 2, true],
    [0, 0, false],
  ];
  for (const [size, present, met] of table) test(`${present} of ${size}`, () => assert.equal(committeeQuorumMet(size, present), met));
});
