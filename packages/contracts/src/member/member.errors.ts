import type { ErrorSpec } from '../common/errors.ts';

export const memberErrors = {
  MEMBER_ID_NUMBER_INVALID: { status: 400, zh: '身份证号码无效', en: 'Invalid ID number' },
  MEMBER_ID_NUMBER_DUPLICATE: { status: 422, zh: '该身份证号码已登记为党员，一个党员只有一份电子档案', en: 'This ID number is already registered' },
  MEMBER_GENDER_MISMATCH: { status: 422, zh: '性别与身份证号码不一致', en: 'Gender does not match the ID number' },
  MEMBER_BIRTH_DATE_MISMATCH: { status: 422, zh: '出生日期与身份证号码不一致', en: 'Birth date does not match the ID number' },
  MEMBER_ORG_NOT_BRANCH: { status: 422, zh: '党员只能编入党支部（含联合、临时党支部）或直接管理党员的党总支', en: 'Members belong to a branch-type organisation' },
  MEMBER_GROUP_INVALID: { status: 422, zh: '党小组必须属于该党员所在支部', en: 'The party group must belong to the member’s branch' },
  MEMBER_DATES_INCONSISTENT: { status: 422, zh: '日期不合理', en: 'Dates are inconsistent' },
  MEMBER_UNMASK_REASON_REQUIRED: { status: 400, zh: '查看完整敏感信息须填写查看事由', en: 'A reason is required to unmask' },
  MEMBER_NOT_ACTIVE: { status: 422, zh: '该党员不在册，不能执行此操作', en: 'The member is not active' },
  MEMBER_FULL_MEMBER_ON_REQUIRED: { status: 422, zh: '正式党员须填写转正日期', en: 'fullMemberOn is required for full members' },
  MEMBER_IMPORT_FILE_INVALID: { status: 400, zh: '文件不是可读取的 Excel 工作簿（.xlsx）', en: 'The file is not a readable .xlsx workbook' },
  MEMBER_IMPORT_TOO_MANY_ROWS: { status: 422, zh: '行数过多，请分批导入', en: 'Too many rows in one file' },
  MEMBER_IMPORT_HEADER_MISSING: { status: 422, zh: '表头缺少必填列', en: 'A required column is missing from the header' },
  MEMBER_IMPORT_REQUIRED: { status: 422, zh: '必填项为空', en: 'A required cell is empty' },
  MEMBER_IMPORT_VALUE_INVALID: { status: 422, zh: '单元格的值不在可选范围内', en: 'The cell value is not allowed' },
  MEMBER_IMPORT_DATE_INVALID: { status: 422, zh: '不是有效日期', en: 'Not a valid date' },
  MEMBER_IMPORT_ID_NUMBER_AS_NUMBER: { status: 422, zh: '身份证号码被 Excel 存成了数字，后几位已丢失', en: 'The ID number was stored as a number and lost digits' },
  MEMBER_IMPORT_ORG_UNKNOWN: { status: 422, zh: '所选范围内没有这个党组织', en: 'No such organisation in the chosen subtree' },
  MEMBER_IMPORT_ORG_AMBIGUOUS: { status: 422, zh: '所选范围内有多个同名党组织，请填写组织编码', en: 'Several organisations share this name; use the code' },
  MEMBER_DECISION_REF_REQUIRED: { status: 422, zh: '除名、开除党籍须填写组织决定的文号', en: 'Removal and expulsion need the decision reference' },
  MEMBER_SUSPEND_NOT_LOST_CONTACT: {
    status: 422,
    zh: '以失去联系为由停止党籍，须该党员已登记为失联党员（与党组织失去联系六个月以上、通过各种方式查找仍然没有音讯）',
    en: 'Suspension for lost contact needs the member marked as lost contact',
  },
  MEMBER_RESTORE_NOT_ALLOWED: {
    status: 422,
    zh: '只有停止党籍的党员，或除名、开除党籍经申诉复议撤销的党员，才能恢复党籍',
    en: 'Only a suspended member, or a removal or expulsion overturned on appeal, can be restored',
  },
} as const satisfies Record<string, ErrorSpec>;
