import { meetingTypes } from '@xianfeng/contracts/life/life.enums';
import { businessDays } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import * as complianceRepo from './life.compliance.repository.ts';
import { countByWorst, evaluateSubtreeCompliance, periodOf, worstOf } from './life.compliance.ts';
import type { ComplianceStatus } from './life.rules.ts';


export interface ComplianceCounts {
  period: string;
  /** Branch-type orgs of the subtree (dissolved ones excluded). */
  branches: number;
  /** Branches by their worst item, each judged against its own effective rules (as the boards do). */
  byWorst: Record<ComplianceStatus, number>;
  /**
   * Meetings that count (confirmed or approved) held in the period itself: how many, how many of them were
   * late entries (补录), and how many of each type (every built-in type present, custom types when held).
   */
  meetings: { held: number; lateEntries: number; byType: Record<string, number> };
}

/**
 * Organisational-life figures of a subtree for the statistics module: the compliance board's counts and the
 * meetings held. System use — no permission check: the statistics module scopes `orgPath` to its caller.
 * An unknown path gives zeros; a malformed period is a 400 naming `period`.
 */
export async function complianceCountsForStatistics(ctx: Ctx, input: { orgPath: string; period: string }): Promise<ComplianceCounts> {
  const period = periodOf(input.period);
  const { from, to } = businessDays(period.start, period.end);
  const [branches, byType] = await Promise.all([
    evaluateSubtreeCompliance(ctx, { rootPath: input.orgPath, period }, (_b, items) => ({ worst: worstOf(items) })),
    complianceRepo.countCountedMeetingsByType(ctx.db, input.orgPath, from, to),
  ]);
  const counts: Record<string, number> = Object.fromEntries(meetingTypes.map((t) => [t, 0]));
  let held = 0;
  let lateEntries = 0;
  for (const r of byType) {
    counts[r.type] = r.held;
    held += r.held;
    lateEntries += r.lateEntries;
  }
  return { period: period.key, branches: branches.length, byWorst: countByWorst(branches), meetings: { held, lateEntries, byType: counts } };
}
