import { z } from 'zod';
import { accountKinds, roles } from './account.permissions.ts';
import { uuid } from '../common/common.schemas.ts';

export const loginBody = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
});

export const grantView = z.object({ role: z.enum(roles), orgId: uuid });

export const meView = z.object({
  accountId: uuid,
  username: z.string(),
  kind: z.enum(accountKinds),
  roles: z.array(z.enum(roles)),
  grants: z.array(grantView),
  memberId: uuid.nullable(),
  displayName: z.string().nullable(),
  permissions: z.array(z.string()),
  demo: z.boolean(),
});
export type MeView = z.infer<typeof meView>;

export const createGrantBody = z.object({ accountId: uuid, role: z.enum(roles), orgId: uuid });
export const grantRecord = z.object({ id: uuid, accountId: uuid, role: z.enum(roles), orgId: uuid, createdAt: z.string() });

// ---- account administration (账号管理) ----

export const accountListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z.coerce.number().int().min(1, { error: '每页条数为 1–100' }).max(100, { error: '每页条数为 1–100' }).default(20),
});

export const accountGrantView = z.object({ id: uuid, role: z.enum(roles), orgId: uuid, orgName: z.string() });

export const accountView = z.object({
  id: uuid,
  username: z.string(),
  kind: z.enum(accountKinds),
  displayName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  memberId: uuid.nullable(),
  grants: z.array(accountGrantView),
});
export type AccountView = z.infer<typeof accountView>;

export const accountPage = z.object({ items: z.array(accountView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const createAccountBody = z.object({
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .min(3, { error: '用户名至少 3 个字符' })
    .max(64, { error: '用户名最多 64 个字符' })
    .regex(/^[A-Za-z0-9_.@-]+$/, { error: '用户名只能包含字母、数字和 _ . @ -' }),
  kind: z.enum(accountKinds, { error: '请选择账号类型' }),
  displayName: z.string().trim().min(1, { error: '请输入显示名称' }).max(64),
  memberId: uuid.nullish(),
  orgId: uuid,
  role: z.enum(roles, { error: '请选择角色' }),
});

export const createdAccountView = accountView.extend({ temporaryPassword: z.string() });
export const temporaryPasswordView = z.object({ temporaryPassword: z.string() });
