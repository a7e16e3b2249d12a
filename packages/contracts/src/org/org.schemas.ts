import { z } from 'zod';
import { gridKinds, leaderPositions, orgDomains, orgKinds, orgWarningCodes } from './org.enums.ts';
import { isoDate, uuid } from '../common/common.schemas.ts';

const name = z.string({ error: '名称必填' }).trim().min(2, { error: '名称至少 2 个字' }).max(100, { error: '名称最多 100 个字' });

export interface OrgTreeNode {
  id: string;
  code: string;
  name: string;
  kind: (typeof orgKinds)[number];
  domain: (typeof orgDomains)[number];
  parentId: string | null;
  depth: number;
  children: OrgTreeNode[];
  /** Present when the node has children that were not loaded (lazy loading). */
  hasChildren?: boolean;
  dissolved?: boolean;
}
export const orgTreeNode: z.ZodType<OrgTreeNode> = z.lazy(() =>
  z.object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    kind: z.enum(orgKinds),
    domain: z.enum(orgDomains),
    parentId: uuid.nullable(),
    depth: z.number().int(),
    children: z.array(orgTreeNode),
    hasChildren: z.boolean().optional(),
    dissolved: z.boolean().optional(),
  }),
);

export const orgTreeQuery = z.object({
  rootId: uuid.optional(),
  depth: z.coerce.number().int().min(0).max(20).optional(),
  includeDissolved: z.enum(['true', 'false']).optional(),
});

export const orgWarning = z.object({
  orgId: uuid,
  orgName: z.string(),
  code: z.enum(orgWarningCodes),
  message: z.string(),
  article: z.string(),
});
export type OrgWarning = z.infer<typeof orgWarning>;

export const leaderView = z.object({
  id: uuid,
  position: z.enum(leaderPositions),
  memberId: uuid.nullable(),
  name: z.string(),
  startedOn: z.string(),
});

export const orgView = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(orgKinds),
  domain: z.enum(orgDomains),
  parentId: uuid.nullable(),
  depth: z.number().int(),
  ancestors: z.array(z.object({ id: uuid, name: z.string(), kind: z.enum(orgKinds) })),
  unitName: z.string().nullable(),
  unitCreditCode: z.string().nullable(),
  gridId: uuid.nullable(),
  canApproveMembers: z.boolean(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  electionDue: z.string().nullable(),
  termYears: z.number().int().nullable(),
  dissolved: z.boolean(),
  dissolvedOn: z.string().nullable(),
  dissolvedReason: z.string().nullable(),
  leadership: z.array(leaderView),
  counts: z.object({ members: z.number().int(), fullMembers: z.number().int(), probationary: z.number().int(), children: z.number().int() }),
  warnings: z.array(orgWarning),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type OrgView = z.infer<typeof orgView>;

const creditCode = z
  .string()
  .trim()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { error: '统一社会信用代码应为 18 位' });

export const createOrgBody = z.object({
  parentId: uuid.nullable(),
  name,
  shortName: z.string().trim().max(30).optional(),
  kind: z.enum(orgKinds, { error: '组织类型无效' }),
  domain: z.enum(orgDomains, { error: '所属领域无效' }),
  unitName: z.string().trim().max(100).optional(),
  unitCreditCode: creditCode.optional(),
  gridId: uuid.optional(),
  canApproveMembers: z.boolean().optional(),
});

export const updateOrgBody = z
  .object({
    name: name.optional(),
    shortName: z.string().trim().max(30).nullable().optional(),
    domain: z.enum(orgDomains).optional(),
    unitName: z.string().trim().max(100).nullable().optional(),
    unitCreditCode: creditCode.nullable().optional(),
    gridId: uuid.nullable().optional(),
    canApproveMembers: z.boolean().optional(),
  })
  .strict();

export const moveOrgBody = z.object({ newParentId: uuid });
export const dissolveOrgBody = z.object({
  reason: z.string({ error: '请填写撤销原因' }).trim().min(2, { error: '请填写撤销原因' }).max(500),
  dissolvedOn: isoDate,
});

export const leadershipBody = z.object({
  termStart: isoDate,
  termEnd: isoDate.optional(),
  leaders: z
    .array(z.object({ position: z.enum(leaderPositions), memberId: uuid }))
    .min(1, { error: '班子至少有书记 1 人' })
    .max(15),
});

export const directoryEntry = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  kind: z.enum(orgKinds),
  ancestors: z.array(z.string()),
  dissolved: z.boolean(),
});

export const gridView = z.object({ id: uuid, orgId: uuid, parentId: uuid.nullable(), kind: z.enum(gridKinds), name: z.string() });
export const createGridBody = z.object({
  orgId: uuid,
  parentId: uuid.optional(),
  kind: z.enum(gridKinds),
  name: z.string().trim().min(1).max(60),
});
