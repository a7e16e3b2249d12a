import type { ErrorSpec } from '../common/errors.ts';

export const accountErrors = {
  ACCOUNT_PASSWORD_WEAK: { status: 422, zh: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类', en: 'Password too weak' },
  ACCOUNT_PASSWORD_CONTAINS_IDENTITY: { status: 422, zh: '密码不能包含用户名或手机号', en: 'Password must not contain the username or phone' },
  ACCOUNT_USERNAME_TAKEN: { status: 422, zh: '用户名已被使用', en: 'Username taken' },
  GRANT_NOT_HELD: { status: 422, zh: '只能授予本人持有的权限', en: 'You can only grant permissions you hold' },
  GRANT_OUT_OF_SUBTREE: { status: 404, zh: '目标组织不存在或不在您的管理范围内', en: 'Target organisation not found' },
  GRANT_SELF: { status: 422, zh: '不能给自己授权', en: 'You cannot grant to yourself' },
  GRANT_SEPARATION_OF_DUTIES: { status: 422, zh: '三员分立：系统管理员、安全管理员、审计管理员须由专人专号担任，不能兼任其他任何角色', en: 'Separation of duties: an administrator of the three duties holds no other role' },
  GRANT_SEPARATED_ROLE_RESERVED: { status: 422, zh: '三员角色只能由安全管理员分配', en: 'Only the security administrator assigns the three administrator roles' },
  // account administration (账号管理)
  ACCOUNT_SELF: { status: 422, zh: '不能对自己的账号执行此操作', en: 'You cannot do this to your own account' },
  ACCOUNT_MEMBER_LINKED: { status: 422, zh: '该党员已关联其他账号', en: 'The member is already linked to an account' },
  ACCOUNT_SEPARATED_RESERVED: { status: 422, zh: '三员账号只能由安全管理员管理', en: 'Only the security administrator manages the three administrator accounts' },
  ACCOUNT_BEYOND_SCOPE: { status: 422, zh: '该账号在您的管理范围之外还有授权，须由上级管理员处理', en: 'The account holds grants beyond your scope' },
} as const satisfies Record<string, ErrorSpec>;
