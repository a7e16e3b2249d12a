import type { z } from 'zod';
import type { CaseNotesView, createNoteBody, MenteeView, NoteView } from '@xianfeng/contracts/development/development.h5.schemas';
import type { Actor, Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findMembersForDevelopment } from '../member/member.service.ts';
import * as repo from './development.mentor.repository.ts';
import { findSteps } from './development.repository.ts';
import { caseFacts } from './development.facts.ts';
import { caseDeadlines } from './development.rules.ts';

/**
 * The mentor's side of 发展党员 (培养联系人, 细则 第九条、第十条): a member named as mentor on a case sees their
 * activists and candidates and writes assessment notes between the branch's six-monthly assessments. The
 * branch (development.read over it, and every level above) reads the notes; development.write may add one.
 * Anyone else gets 404 for a case, so its existence is not disclosed (ARCHITECTURE §6).
 */

/** GET /api/development/mentoring — the caller's mentees (open cases where they are a current mentor). */
export async function listMentees(ctx: Ctx): Promise<MenteeView[]> {
  const actor = requireActor(ctx);
  if (!actor.memberId) throw forbidden();
  const found = await repo.findMenteesOf(ctx.db, actor.memberId);
  const steps = await findSteps(ctx.db, found.map((m) => m.caseId));
  const today = ctx.clock.today();
  // The branch assesses every six months (细则 第十一条): the same deadline the reminders and boards use.
  const assessmentDue = (m: repo.MenteeRow) =>
    caseDeadlines(caseFacts(m, steps.filter((s) => s.caseId === m.caseId)), today).find((d) => d.key === 'assessment')?.dueOn ?? null;
  return found.map((m) => ({
    caseId: m.caseId,
    name: m.name,
    orgName: m.orgName,
    stage: m.stage,
    status: m.status,
    appliedOn: m.appliedOn,
    activistOn: m.activistOn,
    mentorSince: m.mentorSince,
    lastAssessmentOn: m.lastAssessmentOn,
    nextAssessmentDueBy: assessmentDue(m),
    lastNoteOn: m.lastNoteOn,
  }));
}

interface Access {
  c: repo.NoteCaseRow;
  asMentor: boolean;
  canWrite: boolean;
}

/** Who may read a case's notes: a current mentor, or staff with development.read over its branch; else 404. */
async function noteAccess(ctx: Ctx, actor: Actor, caseId: string): Promise<Access> {
  const c = await repo.findNoteCase(ctx.db, caseId);
  if (!c) throw notFound();
  const asMentor = !!actor.memberId && (await repo.isCurrentMentor(ctx.db, c.id, actor.memberId));
  const staffRead = can(actor, 'development.read', c.orgPath);
  if (!asMentor && !staffRead) throw notFound();
  return { c, asMentor, canWrite: c.status === 'open' && (asMentor || can(actor, 'development.write', c.orgPath)) };
}

function toNoteView(n: repo.NoteRow, actor: Actor): NoteView {
  return {
    id: n.id,
    caseId: n.caseId,
    writtenOn: n.writtenOn,
    text: n.text,
    authorName: n.authorName,
    mine: !!actor.memberId && n.authorMemberId === actor.memberId,
    createdAt: new Date(n.createdAt).toISOString(),
  };
}

/** GET /api/development/cases/:id/notes */
export async function listNotes(ctx: Ctx, input: { id: string }): Promise<CaseNotesView> {
  const actor = requireActor(ctx);
  const { c, canWrite } = await noteAccess(ctx, actor, input.id);
  const notes = await repo.findNotes(ctx.db, c.id);
  return { caseId: c.id, name: c.name, orgName: c.orgName, stage: c.stage, status: c.status, canWrite, notes: notes.map((n) => toNoteView(n, actor)) };
}

/**
 * POST /api/development/cases/:id/notes — a current mentor, or staff with development.write over the branch,
 * records an assessment note on an open case; dated between the application and today. Audited (without the
 * text, which may describe the person).
 */
export async function addNote(ctx: Ctx, input: { id: string } & z.infer<typeof createNoteBody>): Promise<NoteView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { c, asMentor, canWrite } = await noteAccess(tx, actor, input.id);
    if (c.status !== 'open') throw new AppError('DEVELOPMENT_CASE_CLOSED');
    if (!canWrite) throw forbidden();
    if (input.writtenOn > tx.clock.today() || input.writtenOn < c.appliedOn) throw fieldError('DEVELOPMENT_NOTE_DATE_INVALID', 'writtenOn');
    const author = actor.memberId ? (await findMembersForDevelopment(tx, [actor.memberId]))[0] : undefined;
    const note = await repo.insertNote(tx.db, {
      caseId: c.id,
      authorMemberId: actor.memberId,
      authorName: author?.name ?? actor.displayName ?? actor.username,
      writtenOn: input.writtenOn,
      text: input.text,
      at: tx.clock.now(),
    });
    const grant = asMentor ? undefined : coveringGrant(actor, 'development.write', c.orgPath);
    await writeAudit(tx, {
      action: 'development.note.create',
      targetType: 'development_case',
      targetId: c.id,
      targetOrgPath: c.orgPath,
      actingForOrgId: grant?.orgId ?? null,
      details: { noteId: note.id, writtenOn: input.writtenOn, as: asMentor ? 'mentor' : 'staff' },
    });
    return toNoteView(note, actor);
  });
}
