import { errorCatalogue, type ErrorCode } from '@xianfeng/contracts/common/error-catalogue';
import type { ErrorDetail } from '@xianfeng/contracts/common/errors';

/** A refusal the client can act on. Services throw these; platform/http maps them to the error body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, opts: { message?: string; details?: ErrorDetail[] } = {}) {
    const spec = errorCatalogue[code];
    super(opts.message ?? spec.zh);
    this.code = code;
    this.status = spec.status;
    this.details = opts.details;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');

/** A field-level refusal: `details[0].path` names the field. */
export function fieldError(code: ErrorCode, path: string, message?: string, article?: string): AppError {
  const text = message ?? errorCatalogue[code].zh;
  return new AppError(code, { message: text, details: [{ path, message: text, ...(article ? { article } : {}) }] });
}
