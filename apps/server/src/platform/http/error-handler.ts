import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorCatalogue, type ErrorCode } from '@xianfeng/contracts/common/error-catalogue';
import type { ErrorBody, ErrorDetail } from '@xianfeng/contracts/common/errors';
import { fieldLabels } from './field-labels.ts';
import { AppError } from './errors.ts';

/** The error body every refusal answers with (also stored with an Idempotency-Key, so a replay is byte-identical). */
export function body(code: ErrorCode, message?: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message: message ?? errorCatalogue[code].zh, ...(details?.length ? { details } : {}) } };
}

const notEditable: Record<string, string> = {
  orgId: '所在党组织不能在档案中直接修改，请办理组织关系转接',
  status: '党员类型（正式/预备）不能在档案中直接修改，请通过发展党员（转正）办理',
  state: '党员状态不能在档案中直接修改，请通过出党、停止党籍或恢复办理',
};

/** zod issues → `details` that name the field in Chinese. */
function validationDetails(err: FastifyError): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const v of err.validation ?? []) {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = v.params as { keys?: string[] };
    if (v.keyword === 'unrecognized_keys' && params.keys) {
      for (const k of params.keys) out.push({ path: path ? `${path}.${k}` : k, message: notEditable[k] ?? `不支持的字段：${k}` });
      continue;
    }
    const leaf = path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? '';
    const label = fieldLabels[leaf] ?? leaf;
    const message = v.message ?? '取值无效';
    out.push({ path, message: label ? (message.startsWith(label) ? message : `${label}：${message}`) : message });
  }
  return out;
}

/** The one place errors become HTTP answers (ARCHITECTURE §8): never a stack trace or SQL text. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return reply.status(err.status).send(body(err.code, err.message, err.details));
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = validationDetails(err);
    const message = details[0] ? `请求参数有误：${details[0].message}` : undefined;
    return reply.status(400).send(body('VALIDATION_FAILED', message, details));
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.status(400).send(body('MALFORMED_JSON'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.status(400).send(body('PAYLOAD_TOO_LARGE'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply.status(400).send(body('VALIDATION_FAILED', '不支持的请求内容类型，请使用 application/json'));
    case 'FST_ERR_VALIDATION':
      return reply.status(400).send(body('VALIDATION_FAILED', err.message));
    default:
      break;
  }
  // PostgreSQL refuses NUL (U+0000) in text (22021), \u0000 inside jsonb (22P05), a lone surrogate inside jsonb
  // (22P02) and a date it cannot represent (22007, 22008): bad input that got past validation, not a server fault.
  if (['22021', '22P05', '22P02', '22007', '22008'].includes(String((err as { cause?: { code?: unknown } }).cause?.code ?? err.code))) {
    return reply.status(400).send(body('VALIDATION_FAILED', '请求参数含有无效字符（如 U+0000）'));
  }
  if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED'));
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return reply.status(400).send(body('VALIDATION_FAILED'));
  }
  if (isResponseSerializationError(err as never)) req.log.error({ err, cause: (err as { cause?: unknown }).cause }, 'response failed its schema');
  else req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(body('INTERNAL'));
}
