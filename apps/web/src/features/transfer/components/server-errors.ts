import { ApiError, errorMessage } from '@/lib/http';

/**
 * Puts the server's per-field errors (`details[].path`, e.g. `toOrgId`, `externalOrg.name`) under those
 * fields; `codes` places a whole-request refusal that names no field (TRANSFER_IN_PROGRESS) under one.
 * Returns the fields that got an error (the wizard goes back to their step) and what is left to show on top.
 */
export function placeTransferErrors(
  // Any antd or antd-mobile form (rc-field-form underneath): the paths come from the server, not the form's type.
  form: { setFields: (fields: never) => void },
  err: unknown,
  fields: readonly string[],
  codes: Record<string, string> = {},
): { fields: string[]; message: string | null } {
  if (!(err instanceof ApiError)) return { fields: [], message: errorMessage(err) };
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const d of err.details) {
    const text = d.article ? `${d.message}（依据：${d.article}）` : d.message;
    if (fields.includes(d.path)) byField.set(d.path, [...(byField.get(d.path) ?? []), text]);
    else rest.push(text);
  }
  const field = codes[err.code];
  if (field && err.details.length === 0) byField.set(field, [err.message]);
  form.setFields([...byField].map(([path, errors]) => ({ name: path.split('.'), errors })) as never);
  const placed = [...byField.keys()];
  if (placed.length > 0 && rest.length === 0) return { fields: placed, message: null };
  return { fields: placed, message: [...new Set([err.message, ...rest])].join('；') };
}
