import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { DevelopmentAttachmentView } from '@xianfeng/contracts/development/development.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { one, rows, type Db } from '../../platform/db/db.ts';
import { sniffDocument } from '../../platform/files/file-type.ts';
import type { Upload } from '../../platform/files/upload.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findOrg } from '../org/org.service.ts';
import { handlingCommittee, loadCase } from './development.access.ts';
import type * as caseRepo from './development.repository.ts';

/**
 * Files uploaded to a case, which its steps then list as attachments (一事一记; 材料归档, 细则 第三十六条). The same
 * pattern as the meeting attachments (life.attachments.ts): the type is read from the bytes, the size capped on
 * the way in, the SM3 digest kept, the bytes stored in the row, and every upload audited.
 */

/** The same cap as the meeting attachments: a scanned 入党志愿书 or minutes is a few MB. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** 25 steps with a few scans each; more is a sign of misuse. */
const MAX_PER_CASE = 200;

// ---- repository ----

export interface AttachmentRow {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sm3: string;
  createdAt: Date;
}

const cols = sql.raw(`id, file_name AS "fileName", media_type AS "mediaType", size, sm3, created_at AS "createdAt"`);

/** A case's attachments without their bytes (the case view's links). */
export function findAttachments(db: Db, caseId: string): Promise<AttachmentRow[]> {
  return rows<AttachmentRow>(db, sql`SELECT ${cols} FROM development_attachment WHERE case_id = ${caseId} ORDER BY created_at, id`);
}

async function countAttachments(db: Db, caseId: string): Promise<number> {
  return Number((await one<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM development_attachment WHERE case_id = ${caseId}`))?.n ?? 0);
}

async function insertAttachment(db: Db, a: Omit<AttachmentRow, 'createdAt'> & { caseId: string; content: Buffer; byAccountId: string; byName: string; at: Date }): Promise<void> {
  await db.execute(sql`INSERT INTO development_attachment (id, case_id, file_name, media_type, size, sm3, content, uploaded_by_account_id, uploaded_by_name, created_at)
    VALUES (${a.id}, ${a.caseId}, ${a.fileName}, ${a.mediaType}, ${a.size}, ${a.sm3}, ${a.content}, ${a.byAccountId}, ${a.byName}, ${a.at})`);
}

function findAttachmentContent(db: Db, caseId: string, id: string): Promise<(AttachmentRow & { content: Uint8Array }) | undefined> {
  return one(db, sql`SELECT ${cols}, content FROM development_attachment WHERE case_id = ${caseId} AND id = ${id}`);
}

// ---- service ----

/** The client's name, without a path, control characters or a misleading extension (as life.attachments.ts). */
function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '');
  // Cut by code point: slicing UTF-16 could leave half an emoji, which PostgreSQL refuses.
  return `${[...base].slice(0, 80).join('') || '附件'}.${ext}`;
}

/**
 * The right to upload: whoever may take one of the case's steps — `development.write` over its branch or
 * `development.approve` over its handling committee (an ancestor's grant acts for either). The case unseen → 404;
 * seen (e.g. `development.read` only, or the applicant) but no such right → 403; an archived or stopped case → 422.
 */
async function loadForUpload(ctx: Ctx, id: string, forUpdate = false) {
  const actor = requireActor(ctx);
  const { c } = await loadCase(ctx, id, forUpdate);
  const branch = await findOrg(ctx, c.orgId);
  if (!branch) throw notFound();
  let grant: { permission: 'development.write' | 'development.approve'; path: string } | null = null;
  if (can(actor, 'development.write', branch.path)) grant = { permission: 'development.write', path: branch.path };
  else {
    const committee = await handlingCommittee(ctx, c.orgId);
    if (committee && can(actor, 'development.approve', committee.path)) grant = { permission: 'development.approve', path: committee.path };
  }
  if (!grant) throw forbidden();
  if (c.status !== 'open') throw new AppError('DEVELOPMENT_CASE_CLOSED', { message: '该发展党员档案已归档或终止，不能再上传附件' });
  return { actor, c, actingForOrgId: coveringGrant(actor, grant.permission, grant.path)?.orgId ?? null };
}

/** Before a byte is received: the caller may upload to this case (anonymous, out of scope or closed are refused). */
export async function checkCanAttach(ctx: Ctx, id: string): Promise<void> {
  await loadForUpload(ctx, id);
}

/** POST /api/development/cases/:id/attachments — stores the file; a step then lists its id in `attachments`. */
export async function addAttachment(ctx: Ctx, input: { id: string; upload: Upload }): Promise<DevelopmentAttachmentView> {
  const kind = await sniffDocument(input.upload.path);
  if (!kind) throw new AppError('FILE_TYPE_NOT_ALLOWED', { details: [{ path: 'file', message: '文件：只能上传 JPG、PNG、PDF、docx 或 xlsx' }] });
  const content = await fs.promises.readFile(input.upload.path);
  const row = { id: randomUUID(), fileName: cleanName(input.upload.filename, kind.ext), mediaType: kind.mediaType, size: content.length, sm3: ctx.crypto.sm3(content) };
  const at = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    // Under the case's row lock: a stop, the archive step or a parallel upload cannot slip past these checks.
    const { actor, c, actingForOrgId } = await loadForUpload(tx, input.id, true);
    if ((await countAttachments(tx.db, c.id)) >= MAX_PER_CASE) throw fieldError('VALIDATION_FAILED', 'file', `每份发展党员档案最多 ${MAX_PER_CASE} 个附件`);
    await insertAttachment(tx.db, { ...row, caseId: c.id, content, byAccountId: actor.accountId, byName: actor.displayName ?? actor.username, at });
    await writeAudit(tx, {
      action: 'development.attachment.add',
      targetType: 'development_case',
      targetId: c.id,
      targetOrgPath: c.orgPath,
      actingForOrgId,
      details: { attachmentId: row.id, fileName: row.fileName, mediaType: row.mediaType, size: row.size, sm3: row.sm3 },
    });
  });
  return { ...row, uploadedAt: at.toISOString() };
}

/**
 * GET /api/development/cases/:id/attachments/:attachmentId — for staff who may read the case. Not for the
 * applicant: their H5 view shows no attachments (development.applicant.view.ts), so 404 as for anyone else.
 */
export async function getAttachment(ctx: Ctx, input: { id: string; attachmentId: string }) {
  const { c } = await loadCase(ctx, input.id);
  if (!can(ctx.actor, 'development.read', c.orgPath)) throw notFound();
  const a = await findAttachmentContent(ctx.db, c.id, input.attachmentId);
  if (!a) throw notFound();
  return { fileName: a.fileName, mediaType: a.mediaType, content: Buffer.from(a.content) };
}

/** Recording a step: every id in `attachments` must be a file uploaded to this case (400 naming `attachments.N`). */
export async function checkStepAttachments(tx: Ctx, c: Pick<caseRepo.CaseRow, 'id'>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await rows<{ id: string }>(tx.db, sql`SELECT id FROM development_attachment WHERE case_id = ${c.id} AND id = ANY(${sql.param([...ids])}::uuid[])`);
  const known = new Set(found.map((r) => r.id));
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw fieldError('NOT_FOUND', `attachments.${i}`, '附件：不存在或不属于本档案');
}
