import type { Role } from '@xianfeng/contracts/account/account.permissions';
import type { DeadlineItem } from '@xianfeng/contracts/development/development.board.schemas';
import { findStep } from '@xianfeng/contracts/development/development.steps';
import type { Ctx } from '../../platform/context.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { sendNotification, sentDedupeKeys } from '../notify/notify.service.ts';
import { handlingCommittee, isCommitteeStep } from './development.access.ts';
import * as board from './development.board.repository.ts';
import { caseFacts } from './development.facts.ts';
import { caseDeadlines } from './development.rules.ts';
import * as repo from './development.repository.ts';

/**
 * The time limits of open cases, due soon or past: the rules' `caseDeadlines` over each case and its steps,
 * walked page by page (keyset on the case id) so a district's hundreds of open cases never load at once. The
 * boards count them; the hourly job `development.deadline_scan` sends the reminders.
 */

const PAGE = 500;
const DAY = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export interface CaseDeadline extends DeadlineItem {
  orgPath: string;
}

/**
 * Every running limit of the open cases in `paths` (null: all, for the job) that is overdue or due within the
 * branch's `development.dueSoonDays`, handed over one page of cases at a time.
 */
export async function forEachDeadlinePage(ctx: Ctx, paths: string[] | null, visit: (items: CaseDeadline[]) => Promise<void>): Promise<void> {
  const today = ctx.clock.today();
  let after: string | null = null;
  for (;;) {
    const cases = await board.findOpenCasesPage(ctx.db, paths, after, PAGE);
    if (cases.length === 0) return;
    after = cases[cases.length - 1]!.id;
    const steps = await repo.findSteps(ctx.db, cases.map((c) => c.id));
    const byCase = new Map<string, repo.StepRow[]>();
    for (const s of steps) {
      const list = byCase.get(s.caseId);
      if (list) list.push(s);
      else byCase.set(s.caseId, [s]);
    }
    const items: CaseDeadline[] = [];
    for (const c of cases) {
      const soon = await getEffectiveSetting(ctx, c.orgPath, 'development.dueSoonDays');
      for (const d of caseDeadlines(caseFacts(c, byCase.get(c.id) ?? []), today)) {
        const days = daysBetween(today, d.dueOn);
        if (days > soon) continue;
        const def = findStep(d.key);
        items.push({
          caseId: c.id,
          name: c.name,
          orgId: c.orgId,
          orgName: c.orgName,
          orgPath: c.orgPath,
          stage: c.stage,
          stepKey: d.key,
          stepNumber: def?.number ?? 0,
          stepName: def?.zh ?? d.key,
          rule: d.zh,
          article: d.article,
          dueBy: d.dueOn,
          days,
          kind: days < 0 ? 'overdue' : 'due_soon',
        });
      }
    }
    await visit(items);
    if (cases.length < PAGE) return;
  }
}

/** How the reminder names the person at each stage (入党申请人, 入党积极分子, 发展对象, 预备党员). */
const personAt = ['入党申请人', '入党积极分子', '发展对象', '发展对象', '预备党员'];
/** The branch's staff who keep the case: its secretary, organiser and org admins. */
const BRANCH_ROLES: Role[] = ['secretary', 'organiser', 'org_admin'];

/** Once per case, rule, due date and kind: a new due date (the next six-monthly assessment) is a new reminder. */
export const reminderKey = (d: Pick<CaseDeadline, 'caseId' | 'stepKey' | 'rule' | 'dueBy' | 'kind'>) => `development-deadline:${d.caseId}:${d.stepKey}:${d.dueBy}:${d.kind}`;

/**
 * Job `development.deadline_scan` (hourly): every running limit of an open case due within
 * `development.dueSoonDays` is announced once to the branch's secretary, organiser and admins; once overdue,
 * once more to them and to the admins one level up; a committee's own step (approval, regularisation approval)
 * also reaches the handling committee's admins. Limits: the talk within a month (第七条), the six-monthly
 * assessment (第十一条), the branch meeting within a month of pre-review (第十九条), approval within 3 months
 * (第二十五条), the oath within a month (第二十九条), regularisation when probation ends (第三十一条) and its
 * approval within 3 months (第三十三条) — see `deadlineOf` in the rules.
 */
export async function scanDevelopmentDeadlines(ctx: Ctx): Promise<{ dueSoon: number; overdue: number }> {
  const sent = { dueSoon: 0, overdue: 0 };
  await forEachDeadlinePage(ctx, null, async (items) => {
    const done = await sentDedupeKeys(ctx, items.map(reminderKey));
    for (const d of items) {
      const key = reminderKey(d);
      if (done.has(key)) continue;
      const orgRoles: { orgId: string; roles: Role[]; levelsUp?: 0 | 1 }[] = [{ orgId: d.orgId, roles: BRANCH_ROLES }];
      if (d.kind === 'overdue') orgRoles.push({ orgId: d.orgId, roles: ['org_admin'], levelsUp: 1 });
      const def = findStep(d.stepKey);
      if (def && isCommitteeStep(def)) {
        const committee = await handlingCommittee(ctx, d.orgId);
        if (committee) orgRoles.push({ orgId: committee.id, roles: ['org_admin'] });
      }
      const r = await sendNotification(ctx, {
        to: { orgRoles },
        template: d.kind === 'overdue' ? 'development.step_overdue' : 'development.step_due_soon',
        data: {
          name: d.name,
          orgName: d.orgName,
          stageName: personAt[d.stage - 1] ?? '',
          stepName: `第${d.stepNumber}步${d.stepName}`,
          dueBy: d.dueBy,
          days: Math.abs(d.days),
          rule: d.rule,
          article: d.article,
          caseId: d.caseId,
        },
        dedupeKey: key,
        orgId: d.orgId,
      });
      if (r.created > 0) sent[d.kind === 'overdue' ? 'overdue' : 'dueSoon'] += 1;
    }
  });
  return sent;
}
