import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import * as repo from './stats.repository.ts';

/**
 * `npm run stats:verify [-- --repair]`: recount every rollup from scratch (the SQL function `stats_recount()`, the
 * same one the migration's backfill used) and compare with the stored rows. A difference means a write path the
 * triggers missed (or a tampered row); `--repair` rewrites all rows from the recount, under every tree's lock.
 */

export interface RollupDifference {
  orgId: string;
  orgName: string | null;
  path: string | null;
  dim: string;
  key: string;
  stored: number;
  expected: number;
}

export interface VerifyResult {
  differences: RollupDifference[];
  /** Rows written when repairing (null when only verifying). */
  repairedRows: number | null;
}

/** Every stored rollup row that differs from the recount (missing rows count as 0). */
export function findRollupDifferences(ctx: Ctx): Promise<RollupDifference[]> {
  return repo.findRecountDifferences(ctx.db);
}

/** Verifies, and with `repair` rewrites the rollups in one transaction (audited as `stats.rollups.repair`). */
export async function verifyStatsRollups(ctx: Ctx, input: { repair: boolean }): Promise<VerifyResult> {
  const differences = await findRollupDifferences(ctx);
  if (!input.repair) return { differences, repairedRows: null };
  const repairedRows = await inTransaction(ctx, async (tx) => {
    const n = await repo.rewriteRollups(tx.db);
    await writeAudit(tx, { action: 'stats.rollups.repair', targetType: 'stats_rollup', details: { differences: differences.length, rows: n } });
    return n;
  });
  return { differences, repairedRows };
}

/** One line per difference, for the CLI. */
export function formatDifference(d: RollupDifference): string {
  return `${d.orgName ?? '(org missing)'} ${d.path ?? d.orgId} ${d.dim}=${JSON.stringify(d.key)}: stored ${d.stored}, recount ${d.expected}`;
}
