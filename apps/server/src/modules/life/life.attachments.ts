import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { z } from 'zod';
import type { attachmentView } from '@xianfeng/contracts/life/life.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { sniffDocument } from '../../platform/files/file-type.ts';
import type { Upload } from '../../platform/files/upload.ts';
import * as repo from './life.repository.ts';
import { loadMeetingFor } from './life.service.ts';

/** A photo of the sign-in sheet or a scanned resolution is a few MB; slides rarely more. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Enough for a record's sign-in sheets, slides and resolutions; more is a sign of misuse. */
const MAX_PER_MEETING = 30;

/** The client's name, without a path, control characters or a misleading extension. */
function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '');
  // Cut by code point: slicing UTF-16 could leave half an emoji, which PostgreSQL refuses in jsonb.
  return `${[...base].slice(0, 80).join('') || '附件'}.${ext}`;
}

/** Before a byte is received: the caller may attach to this meeting, and it can still take files. */
export async function checkCanAttach(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx, 'life.write');
  const m = await loadMeetingFor(ctx, id, 'life.write');
  if (m.status === 'approved' || m.status === 'cancelled') throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录已审核锁定或会议已取消，不能再添加附件' });
}

/**
 * POST /api/meetings/:id/attachments — attaches a file to the meeting's record while it can still
 * change (not once approved and locked, not to a cancelled meeting). The type is read from the bytes.
 */
export async function addAttachment(ctx: Ctx, input: { id: string; upload: Upload }): Promise<z.infer<typeof attachmentView>> {
  const actor = requirePermission(ctx, 'life.write');
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  const kind = await sniffDocument(input.upload.path);
  if (!kind) throw new AppError('FILE_TYPE_NOT_ALLOWED', { details: [{ path: 'file', message: '文件：只能上传 JPG、PNG、PDF、docx 或 xlsx' }] });
  const content = await fs.promises.readFile(input.upload.path);
  const row = { id: randomUUID(), fileName: cleanName(input.upload.filename, kind.ext), mediaType: kind.mediaType, size: content.length, sm3: ctx.crypto.sm3(content) };
  const at = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    // Under the meeting's row lock: an approval or a parallel upload cannot slip past these checks.
    const status = await repo.lockMeeting(tx.db, m.id);
    if (status === 'approved' || status === 'cancelled') throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录已审核锁定或会议已取消，不能再添加附件' });
    if ((await repo.findAttachments(tx.db, m.id)).length >= MAX_PER_MEETING) {
      throw new AppError('LIFE_STATUS_INVALID', { message: `每次会议最多 ${MAX_PER_MEETING} 个附件` });
    }
    await repo.insertAttachment(tx.db, { ...row, meetingId: m.id, content, by: actor.accountId, at });
    await writeAudit(tx, {
      action: 'life.attachment.add',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: { attachmentId: row.id, fileName: row.fileName, mediaType: row.mediaType, size: row.size, sm3: row.sm3 },
    });
  });
  return { ...row, createdAt: at.toISOString() };
}

/** GET /api/meetings/:id/attachments/:attachmentId — for whoever may read the meeting. */
export async function getAttachment(ctx: Ctx, input: { id: string; attachmentId: string }) {
  const m = await loadMeetingFor(ctx, input.id);
  const a = await repo.findAttachmentContent(ctx.db, m.id, input.attachmentId);
  if (!a) throw notFound();
  return { fileName: a.fileName, mediaType: a.mediaType, content: Buffer.from(a.content) };
}
