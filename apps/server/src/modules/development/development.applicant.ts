import type { ApplicantApplyBody, MyCaseView, RegisterApplicantBody } from '@xianfeng/contracts/development/development.h5.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Actor, Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { holdsAnywhere, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, forbidden } from '../../platform/http/errors.ts';
import { applicantUsername, createAccount, login } from '../account/account.service.ts';
import { findMemberByIdNumberIdx, idProblemMessages, maskIdNumber, parseIdNumber } from '../member/member.service.ts';
import { directoryPage } from '../org/org.view.service.ts';
import { createCase, getCase } from './development.service.ts';
import { findCasesOfApplicant } from './development.repository.ts';
import { toApplicantCaseView } from './development.applicant.view.ts';

/**
 * The applicant's side of 发展党员 on the H5 (细则 第五条、第六条: a person applies in writing to the organisation of
 * their work, study or residence). A person who is not a member registers an account of kind `applicant`,
 * applies to a branch chosen from the directory, and follows their own case. The design and its limits are in
 * docs/development.md ("Applicant and mentor H5").
 */

function parsedId(raw: string, today: string) {
  const parsed = parseIdNumber(raw, today);
  if (typeof parsed === 'string') throw fieldError('MEMBER_ID_NUMBER_INVALID', 'idNumber', idProblemMessages[parsed], 'GB 11643-1999');
  return parsed;
}

/**
 * POST /api/development/register (public, rate-limited) — creates an applicant account and logs it in. The
 * username is a keyed hash of the ID number (the applicant logs in by typing their ID number), so one ID number
 * has at most one applicant account and no plaintext ID number is stored; the phone keeps only its blind index.
 * The password policy is the account module's. An ID number already registered, or belonging to a member on
 * file, is refused with one message for both, so the form is no oracle of Party membership.
 */
export async function registerApplicant(ctx: Ctx, input: RegisterApplicantBody): Promise<{ token: string; actor: Actor }> {
  const parsed = parsedId(input.idNumber, ctx.clock.today());
  // The ID number (or its birth-date part) in the password would be guessed first.
  if (input.password.toUpperCase().includes(parsed.normalised.slice(6, 14))) throw fieldError('ACCOUNT_PASSWORD_CONTAINS_IDENTITY', 'password', '密码不能包含身份证号、出生日期或手机号');
  await inTransaction(ctx, async (tx) => {
    let accountId: string;
    try {
      accountId = (await createAccount(tx, { username: applicantUsername(tx, parsed.normalised), kind: 'applicant', password: input.password, displayName: input.name, phone: input.phone }))
        .id;
    } catch (err) {
      if (err instanceof AppError && err.code === 'ACCOUNT_USERNAME_TAKEN') throw fieldError('DEVELOPMENT_APPLICANT_NOT_REGISTRABLE', 'idNumber');
      if (err instanceof AppError && err.code === 'ACCOUNT_PASSWORD_CONTAINS_IDENTITY') throw fieldError('ACCOUNT_PASSWORD_CONTAINS_IDENTITY', 'password', '密码不能包含身份证号、出生日期或手机号');
      throw err;
    }
    const member = await findMemberByIdNumberIdx(tx, tx.crypto.blindIndex('idNumber', parsed.normalised));
    // A member who has left may apply again (their case says so); anyone else on file rolls the account back.
    if (member && member.state !== 'left') throw fieldError('DEVELOPMENT_APPLICANT_NOT_REGISTRABLE', 'idNumber');
    await writeAudit(tx, {
      action: 'development.applicant.register',
      targetType: 'account',
      targetId: accountId,
      details: { idNumber: maskIdNumber(parsed.normalised) },
    });
  });
  return login(ctx, { username: parsed.normalised, password: input.password });
}

function requireApplicant(ctx: Ctx): Actor {
  const actor = requireActor(ctx);
  if (actor.kind !== 'applicant') throw new AppError('DEVELOPMENT_APPLICANT_ONLY');
  return actor;
}

/** GET /api/development/branches?q= — branches an applicant may apply to (active, holding members), by name. */
export async function searchBranches(ctx: Ctx, input: { q: string }) {
  const actor = requireActor(ctx);
  if (actor.kind !== 'applicant' && !holdsAnywhere(actor, 'development.write')) throw forbidden();
  if (!input.q) return [];
  const page = await directoryPage(ctx, { q: input.q, page: 1, pageSize: 50 });
  return page.items.filter((o) => !o.dissolved && memberHoldingKinds.includes(o.kind)).slice(0, 30);
}

/**
 * POST /api/development/apply — the applicant's written application (step 1) to a branch: the case is opened by
 * the cases service with the applicant's account, which alone (besides the branch and the levels above) may see
 * it. The ID number must be the registered one; one case per account while it is open.
 */
export async function applyAsApplicant(ctx: Ctx, input: ApplicantApplyBody): Promise<MyCaseView> {
  const actor = requireApplicant(ctx);
  const today = ctx.clock.today();
  const parsed = parsedId(input.idNumber, today);
  if (applicantUsername(ctx, parsed.normalised) !== actor.username) throw fieldError('DEVELOPMENT_APPLICANT_ID_MISMATCH', 'idNumber');
  const mine = await findCasesOfApplicant(ctx.db, actor.accountId);
  if (mine.some((c) => c.status === 'open')) throw new AppError('DEVELOPMENT_APPLICANT_HAS_CASE');
  const created = await createCase(
    ctx,
    {
      orgId: input.orgId,
      name: actor.displayName ?? '',
      idNumber: parsed.normalised,
      appliedOn: input.appliedOn ?? today,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.education ? { education: input.education } : {}),
      ...(input.occupation ? { occupation: input.occupation } : {}),
      ...(input.workUnit ? { workUnit: input.workUnit } : {}),
    },
    { applicantAccountId: actor.accountId },
  );
  return { name: actor.displayName ?? '', case: toApplicantCaseView(created, today) };
}

/** GET /api/development/my-case — the applicant's own case (the newest; null before they apply). */
export async function myCase(ctx: Ctx): Promise<MyCaseView> {
  const actor = requireApplicant(ctx);
  const [latest] = await findCasesOfApplicant(ctx.db, actor.accountId);
  if (!latest) return { name: actor.displayName ?? '', case: null };
  return { name: actor.displayName ?? '', case: toApplicantCaseView(await getCase(ctx, { id: latest.id }), ctx.clock.today()) };
}
