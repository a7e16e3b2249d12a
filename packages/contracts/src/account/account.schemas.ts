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
