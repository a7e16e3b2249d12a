import type { FormInstance } from 'antd';
import { applyServerErrors } from '@/lib/form-errors';
import { ApiError, errorMessage } from '@/lib/http';

/**
 * The server's answer on the form: per-field details under their fields (the API's names renamed to the
 * form's, e.g. amountFen → amount), a whole-request error the form can place (e.g. DUES_AMOUNT_MISMATCH
 * under the amount) under that field, and anything else as one message on top (null when all was placed).
 */
export function placeServerErrors(
  form: FormInstance,
  err: unknown,
  fields: readonly string[],
  opts: { rename?: Record<string, string>; codes?: Record<string, string> } = {},
): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const rename = opts.rename ?? {};
  const renamed = new ApiError(
    err.status,
    err.code,
    err.message,
    err.details.map((d) => {
      const head = d.path.split('.')[0] ?? '';
      return rename[head] ? { ...d, path: rename[head] } : d;
    }),
  );
  const rest = applyServerErrors(form, renamed, fields);
  const field = opts.codes?.[err.code];
  if (field && err.details.length === 0) {
    form.setFields([{ name: field, errors: [err.message] }]);
    return null;
  }
  if (err.details.length > 0 && rest.length === 0) return null;
  return [err.message, ...rest].join('；');
}
