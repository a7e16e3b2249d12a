import type { FormInstance } from 'antd';
import { ApiError } from './http';

/**
 * Put the server's per-field errors (`details[].path` = the field name) under the form's fields.
 * Returns the messages of details that name no field on this form, so the caller shows them on top.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fieldNames: readonly string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const d of err.details) {
    const field = d.path.split('.')[0] ?? '';
    const text = d.article ? `${d.message}（依据：${d.article}）` : d.message;
    if (fieldNames.includes(field)) byField.set(field, [...(byField.get(field) ?? []), text]);
    else rest.push(text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}
