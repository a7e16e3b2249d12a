import type { Vote } from '@xianfeng/contracts/development/development.steps';
import type { RuleFinding } from './development.progress.ts';

/**
 * Votes of the 支部党员大会 on membership (细则 第十九、二十条, 第三十二条 for regularisation; regulations digest
 * §2.5, §10), pure.
 *
 * The quorum arithmetic is the same rule as life.rules' `generalMeetingVoteValid` (present > half of those who
 * should attend). It is written again here, not imported: modules may only import each other's services, and
 * pulling a service (and its database code) into pure rules would make them impure. Both cite the same
 * article; a change to the convention (§10) changes both — see the tests on each side.
 */

/** Reads a ballot from a step's stored fields (counts default to 0, as the contracts' schema does). */
export function voteOf(fields: Record<string, unknown>): Vote {
  const n = (k: string) => (typeof fields[k] === 'number' ? (fields[k] as number) : 0);
  const notCounted = Array.isArray(fields.notCounted) ? (fields.notCounted as Vote['notCounted']) : [];
  return {
    votingShouldAttend: n('votingShouldAttend'),
    votingPresent: n('votingPresent'),
    yes: n('yes'),
    no: n('no'),
    abstain: n('abstain'),
    writtenYes: n('writtenYes'),
    writtenNo: n('writtenNo'),
    notCounted,
  };
}

const finding = (rule: string, path: string, message: string, article: string): RuleFinding => ({ code: 'DEVELOPMENT_PRECONDITION', rule, path, message, article });

/**
 * The result of a general-meeting vote on membership:
 * - the counts must be consistent (present ≤ should attend; ballots ≤ present; written opinions ≤ those absent);
 * - quorum: voting members present > half of the voting members who should attend (第十九条);
 * - passed: yes votes, counting the written yes opinions of absent members handed in before the meeting,
 *   > half of the voting members who should attend (第二十条). Written opinions count as votes, never as
 *   presence (§10).
 * `findings` explain every failure: `vote_counts` and `vote_quorum` mean the meeting could not decide (the
 * step is refused); `vote_passed` means it decided against (the step is recorded as not adopted).
 */
export function generalMeetingResult(v: Vote): { quorum: boolean; passed: boolean; findings: RuleFinding[] } {
  const findings: RuleFinding[] = [];
  const absent = v.votingShouldAttend - v.votingPresent;
  if (v.votingPresent > v.votingShouldAttend) {
    findings.push(finding('vote_counts', 'votingPresent', `实到会有表决权党员数（${v.votingPresent}）不能多于应到会有表决权党员数（${v.votingShouldAttend}）`, '第二十一条'));
  }
  const ballots = v.yes + v.no + v.abstain;
  if (ballots > v.votingPresent) {
    findings.push(finding('vote_counts', 'yes', `赞成、反对、弃权票合计 ${ballots} 票，多于实到会有表决权党员数（${v.votingPresent}）`, '第二十条'));
  }
  const written = v.writtenYes + v.writtenNo;
  if (written > Math.max(absent, 0)) {
    findings.push(finding('vote_counts', 'writtenYes', `书面意见 ${written} 份，多于未到会的有表决权党员数（${Math.max(absent, 0)}）`, '第二十条'));
  }
  const consistent = findings.length === 0;
  const quorum = v.votingShouldAttend > 0 && v.votingPresent * 2 > v.votingShouldAttend;
  if (!quorum) {
    findings.push(
      finding('vote_quorum', 'votingPresent', `实到会有表决权党员 ${v.votingPresent} 人，未超过应到会有表决权党员 ${v.votingShouldAttend} 人的半数，不能讨论表决`, '第十九条'),
    );
  }
  const yes = v.yes + v.writtenYes;
  const passed = consistent && quorum && yes * 2 > v.votingShouldAttend;
  if (consistent && quorum && !passed) {
    findings.push(finding('vote_passed', 'yes', `赞成票（含书面赞成意见）${yes} 票，未超过应到会有表决权党员 ${v.votingShouldAttend} 人的半数，决议未通过`, '第二十条'));
  }
  return { quorum, passed, findings };
}

/**
 * 支委会 quorum "半数以上委员到会" (支部工作条例 第十二条) read per §10 as present ≥ ⌈n/2⌉ — the same
 * convention as life.rules' `committeeQuorumMet` (see the note at the top on why it is not imported).
 */
export function committeeQuorumMet(committeeSize: number, present: number): boolean {
  return committeeSize > 0 && present >= Math.ceil(committeeSize / 2);
}
