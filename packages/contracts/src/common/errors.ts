/**
 * Platform-wide error codes. Every module adds its own in `<module>.errors.ts`; the HTTP mapping
 * (code → status) lives once in the server's platform/http.
 */
export interface ErrorSpec {
  status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503;
  zh: string;
  en: string;
}

export const platformErrors = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数有误', en: 'The request is invalid' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, zh: '缺少 Idempotency-Key 请求头', en: 'Idempotency-Key header is required' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, zh: 'Idempotency-Key 应为 8–100 位字母、数字或 -_:.', en: 'Idempotency-Key is malformed' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '同一 Idempotency-Key 已用于内容不同的请求', en: 'The Idempotency-Key was used for a different request' },
  IDEMPOTENCY_IN_FLIGHT: { status: 409, zh: '同一请求正在处理中，请稍后查看结果', en: 'The same request is still being processed' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please log in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_LOCKED: { status: 401, zh: '账号因多次登录失败已被锁定，请稍后再试', en: 'The account is locked after repeated failed logins' },
  AUTH_DISABLED: { status: 401, zh: '账号已停用', en: 'The account is disabled' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'The session has expired' },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You have no permission for this action' },
  NOT_FOUND: { status: 404, zh: '对象不存在或不在您的管理范围内', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'The record was changed by someone else' },
  PAYLOAD_TOO_LARGE: { status: 400, zh: '请求体过大', en: 'The request body is too large' },
  FILE_REQUIRED: { status: 400, zh: '请选择要上传的文件', en: 'A file upload is required' },
  FILE_TOO_LARGE: { status: 400, zh: '文件过大', en: 'The file is too large' },
  FILE_TYPE_NOT_ALLOWED: { status: 400, zh: '文件类型不允许：只能上传 JPG、PNG 图片或 PDF、Word（docx）、Excel（xlsx）文档', en: 'This file type is not allowed' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal error' },
  SERVICE_STARTING: { status: 503, zh: '系统正在启动（首次启动需初始化演示数据），请稍候', en: 'The service is starting' },
} as const satisfies Record<string, ErrorSpec>;

export interface ErrorDetail {
  path: string;
  message: string;
  article?: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}
