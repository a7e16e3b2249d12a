import { createMemberBody } from '@xianfeng/contracts/member/member.schemas';
import { educationCodes, ethnicityCodes, memberCategoryLabels, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';
import type { MemberImportError } from '@xianfeng/contracts/member/member.schemas';
import type { ErrorCode } from '@xianfeng/contracts/common/error-catalogue';
import type { XlsxRow } from '../../platform/files/xlsx-reader.ts';
import { columnLetter } from '../../platform/files/xlsx-reader.ts';
import type { BulkMember } from './member.bulk.ts';
import { cellText, choiceCell, dateCell, idNumberCell } from './member.import.cells.ts';
import { columnLabel, type HeaderLayout, type ImportField } from './member.import.columns.ts';
import { idProblemMessages, parseIdNumber } from './member.rules.ts';

/** Where the row's org and group names point, resolved within the import's target subtree. */
export interface OrgResolver {
  /** A branch by 统一编码 or name; blank → the target itself when it holds members. */
  org: (text: string) => { id: string } | { code: ErrorCode; message: string };
  group: (orgId: string, text: string) => { id: string } | { code: ErrorCode; message: string };
}

const statusAliases: Record<string, string> = { 正式: 'full', 预备: 'probationary', full: 'full', probationary: 'probationary' };
const genderLabels = { male: '男', female: '女' };
const categoryAliases: Record<string, string> = Object.fromEntries(['resident', 'in_service', 'mobile', 'retired'].map((c) => [c, c]));
/** 汉 for 汉族, as people often write it. */
const ethnicityAliases: Record<string, string> = Object.fromEntries(Object.entries(ethnicityCodes).map(([code, label]) => [label.replace(/族$/, ''), code]));

export interface MappedRow {
  member: BulkMember | null;
  errors: MemberImportError[];
}

/**
 * One sheet row → the API's create body, checked by the API's own schema (createMemberBody). What the
 * schema cannot see — ID facts, placement, duplicates — is checked by createMembersBulk afterwards.
 */
export function mapRow(row: XlsxRow, layout: HeaderLayout, ctx: { date1904: boolean; today: string; resolver: OrgResolver }): MappedRow {
  const colOf = layout.fields;
  const errors: MemberImportError[] = [];
  const at = (field: ImportField) => {
    const c = colOf.get(field);
    return c === undefined ? undefined : row.cells.get(c);
  };
  const letter = (field: ImportField) => {
    const c = colOf.get(field);
    return c === undefined ? null : columnLetter(c);
  };
  const refuse = (field: ImportField, code: string, message: string) => {
    const label = columnLabel(field);
    errors.push({ row: row.row, column: letter(field), code, message: message.startsWith(label) ? message : `${label}：${message}` });
  };
  const text = (field: ImportField) => cellText(at(field));
  const required = (field: ImportField) => {
    const t = text(field);
    if (t === '') refuse(field, 'MEMBER_IMPORT_REQUIRED', '必填，不能为空');
    return t;
  };
  const date = (field: ImportField) => {
    if (text(field) === '') return undefined;
    const r = dateCell(at(field), ctx.date1904);
    if (!r.ok) refuse(field, r.code, r.message);
    return r.ok ? r.value : undefined;
  };
  const choice = (field: ImportField, labels: Record<string, string>, aliases: Record<string, string>, hint: string) => {
    const t = text(field);
    if (t === '') return undefined;
    const v = choiceCell(t, labels, aliases);
    if (v === null) refuse(field, 'MEMBER_IMPORT_VALUE_INVALID', `「${t}」不是可选值（${hint}）`);
    return v ?? undefined;
  };

  const name = required('name');
  let idNumber: string | undefined;
  if (required('idNumber') !== '') {
    const r = idNumberCell(at('idNumber'));
    if (r.ok) idNumber = r.value;
    else refuse('idNumber', r.code, r.message);
  }
  const parsed = idNumber ? parseIdNumber(idNumber, ctx.today) : null;
  if (typeof parsed === 'string') refuse('idNumber', 'MEMBER_ID_NUMBER_INVALID', idProblemMessages[parsed]);
  const fromId = parsed && typeof parsed !== 'string' ? parsed : null;

  const gender = choice('gender', genderLabels, { 男性: 'male', 女性: 'female' }, '男 / 女') ?? fromId?.gender;
  const birthDate = date('birthDate') ?? fromId?.birthDate;
  const joinedOn = required('joinedOn') === '' ? undefined : date('joinedOn');
  const fullMemberOn = date('fullMemberOn');
  const status = required('status') === '' ? undefined : choice('status', memberStatusLabels, statusAliases, '正式党员 / 预备党员');
  const category = choice('category', memberCategoryLabels, categoryAliases, '直管 / 双管 / 共管 / 协管') ?? 'resident';
  const ethnicity = choice('ethnicity', ethnicityCodes, ethnicityAliases, '见模板“可选值”表');
  const education = choice('education', educationCodes, {}, '见模板“可选值”表');

  let orgId: string | undefined;
  const org = ctx.resolver.org(text('org'));
  if ('id' in org) orgId = org.id;
  else refuse('org', org.code, org.message);
  let groupId: string | undefined;
  if (orgId && text('group') !== '') {
    const group = ctx.resolver.group(orgId, text('group'));
    if ('id' in group) groupId = group.id;
    else refuse('group', group.code, group.message);
  }
  const phone = text('phone').replace(/[\s-]/g, '');
  const optional = (field: ImportField) => (text(field) === '' ? undefined : text(field));

  // Cells already refused are not checked again by the schema: one message per cell.
  const refused = new Set(errors.map((e) => e.column));
  const body = {
    orgId,
    name,
    idNumber: idNumber ?? '',
    gender,
    birthDate,
    joinedOn,
    status,
    category,
    ...(groupId ? { groupId } : {}),
    ...(ethnicity ? { ethnicity } : {}),
    ...(education ? { education } : {}),
    ...(fullMemberOn ? { fullMemberOn } : {}),
    ...(phone ? { phone } : {}),
    ...(optional('address') ? { address: optional('address') } : {}),
    ...(optional('occupation') ? { occupation: optional('occupation') } : {}),
    ...(optional('workUnit') ? { workUnit: optional('workUnit') } : {}),
    ...(optional('notes') ? { notes: optional('notes') } : {}),
  };
  const checked = createMemberBody.safeParse(body);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = schemaFieldToColumn[String(issue.path[0])];
      if (!field) continue;
      if (refused.has(letter(field))) continue;
      // A field left blank because the ID number was bad (gender, birth date) is that cell's problem, already reported.
      if ((field === 'gender' || field === 'birthDate') && text(field) === '' && !fromId) continue;
      refuse(field, 'VALIDATION_FAILED', issue.message);
      refused.add(letter(field));
    }
  }
  if (errors.length || !checked.success) return { member: null, errors };
  return { member: checked.data, errors };
}

const schemaFieldToColumn: Record<string, ImportField> = {
  orgId: 'org',
  groupId: 'group',
  name: 'name',
  idNumber: 'idNumber',
  gender: 'gender',
  birthDate: 'birthDate',
  joinedOn: 'joinedOn',
  status: 'status',
  category: 'category',
  ethnicity: 'ethnicity',
  education: 'education',
  fullMemberOn: 'fullMemberOn',
  phone: 'phone',
  address: 'address',
  occupation: 'occupation',
  workUnit: 'workUnit',
  notes: 'notes',
};

/** Bulk errors (paths are API field names) → Excel coordinates. */
export function locateBulkError(row: number, layout: HeaderLayout, code: string, details: { path?: string; message: string }[]): MemberImportError[] {
  const colOf = layout.fields;
  return details.map((d) => {
    const field = d.path ? schemaFieldToColumn[d.path] : undefined;
    const col = field ? colOf.get(field) : undefined;
    const label = field ? columnLabel(field) : null;
    return { row, column: col === undefined ? null : columnLetter(col), code, message: label && !d.message.startsWith(label) ? `${label}：${d.message}` : d.message };
  });
}
