import { ApiError, errorMessage } from '@/lib/http';

/** Chinese names of the notify fields (the server's validation messages may name them by their key). */
export const notifyFieldLabels: Record<string, string> = {
  channels: '接收渠道',
  quietStart: '免打扰开始时间',
  quietEnd: '免打扰结束时间',
  language: '通知语言',
  birthdayGreetings: '两个生日祝福',
  deliverTo: '代收方式',
  familyName: '家属姓名',
  familyPhone: '家属手机号',
  gridWorkerAccountId: '网格员账号',
};

const keyPrefix = new RegExp(`\\b(${Object.keys(notifyFieldLabels).join('|')})：`, 'g');

/** "familyPhone：手机号码应为 11 位…" → "家属手机号：手机号码应为 11 位…". */
const readable = (text: string) => text.replace(keyPrefix, (_, k: string) => `${notifyFieldLabels[k]}：`);

export interface SplitErrors {
  /** Field (the last segment of `details[].path`: `familyPhone` or `care.familyPhone`) → message, without the field name. */
  byField: Record<string, string>;
  /** The error and whatever detail names no field on the form, for an alert on top. */
  top: string;
}

/** The server's answer, split between the form's fields and a summary on top. */
export function splitServerErrors(err: unknown, fields: readonly string[]): SplitErrors {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const d of err instanceof ApiError ? err.details : []) {
    const field = d.path.split('.').pop() ?? '';
    const text = d.article ? `${d.message}（依据：${d.article}）` : d.message;
    if (fields.includes(field)) byField[field] = text.replace(new RegExp(`^${field}：`), '');
    else rest.push(readable(text));
  }
  const head = readable(errorMessage(err));
  return { byField, top: [head, ...rest.filter((r) => !head.includes(r))].join('；') };
}
