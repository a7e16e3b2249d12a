/**
 * The general meeting's ballot on membership, worked out while it is typed in (细则 第十九条、第二十条;
 * regulations §2.5 and the project convention of §10): the meeting is valid when the voting members present
 * are more than half of those who should attend; the motion passes when the yes votes, with the written yes
 * opinions of absent members handed in before the meeting, are more than half of those who should attend.
 * Written opinions count as votes, never as presence. The server applies the same rule; this is the preview.
 */
export interface Tally {
  votingShouldAttend?: number | null;
  votingPresent?: number | null;
  yes?: number | null;
  no?: number | null;
  abstain?: number | null;
  writtenYes?: number | null;
  writtenNo?: number | null;
}

export interface VoteOutcome {
  /** All the numbers needed are there. */
  complete: boolean;
  quorum: boolean;
  passed: boolean;
  /** More than half of those who should attend: the smallest count that is "more than half". */
  needed: number;
  yesTotal: number;
  /** Ballots cast in the room cannot exceed those present; written opinions cannot exceed those absent. */
  problems: string[];
}

const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** "more than half of N": the least whole number above N/2. */
export const moreThanHalf = (total: number) => Math.floor(total / 2) + 1;

export function tallyVote(t: Tally): VoteOutcome {
  const should = n(t.votingShouldAttend);
  const present = n(t.votingPresent);
  const cast = n(t.yes) + n(t.no) + n(t.abstain);
  const written = n(t.writtenYes) + n(t.writtenNo);
  const complete = [t.votingShouldAttend, t.votingPresent, t.yes, t.no, t.abstain].every((v) => typeof v === 'number');
  const problems: string[] = [];
  if (present > should) problems.push('实到人数不能多于应到人数');
  if (cast > present) problems.push('赞成、反对、弃权票合计不能多于实到人数');
  if (written > Math.max(0, should - present)) problems.push('书面意见不能多于未到会的应到人数');
  const needed = moreThanHalf(should);
  const yesTotal = n(t.yes) + n(t.writtenYes);
  return { complete, quorum: should > 0 && present >= needed, passed: should > 0 && yesTotal >= needed, needed, yesTotal, problems };
}
