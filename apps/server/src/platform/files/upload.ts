import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';

export interface Upload {
  path: string;
  filename: string;
  bytes: number;
  remove: () => Promise<void>;
}

/**
 * Streams the multipart file field `field` to a private temporary file, never holding it in memory, and
 * refuses a missing file or one over `maxBytes` with a clear error. The caller removes it (`finally`).
 */
export async function receiveUpload(req: FastifyRequest, opts: { field: string; maxBytes: number }): Promise<Upload> {
  const mb = Math.round(opts.maxBytes / 1024 / 1024);
  const tooLarge = () => new AppError('FILE_TOO_LARGE', { message: `文件过大：最大 ${mb} MB，请分批上传`, details: [{ path: opts.field, message: `文件过大：最大 ${mb} MB` }] });
  const required = () => new AppError('FILE_REQUIRED', { message: `请选择要上传的文件（表单字段 ${opts.field}）`, details: [{ path: opts.field, message: '请选择要上传的文件' }] });
  if (!req.isMultipart()) throw required();
  let part;
  try {
    part = await req.file({ limits: { fileSize: opts.maxBytes, files: 1, fields: 10, parts: 11 } });
  } catch {
    throw required();
  }
  if (!part || part.fieldname !== opts.field) {
    part?.file.resume();
    throw required();
  }
  const file = path.join(os.tmpdir(), `xianfeng-upload-${randomBytes(12).toString('hex')}`);
  const remove = () => fs.promises.rm(file, { force: true });
  try {
    await pipeline(part.file, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await remove();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated) throw tooLarge();
    throw required();
  }
  if (part.file.truncated) {
    await remove();
    throw tooLarge();
  }
  const bytes = (await fs.promises.stat(file)).size;
  if (bytes === 0) {
    await remove();
    throw required();
  }
  return { path: file, filename: part.filename, bytes, remove };
}
