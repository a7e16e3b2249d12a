import { z } from 'zod';
import { isoDate, uuid } from '../common/common.schemas.ts';
import { stepRoles, stepStatuses, transferActions, transferStatuses } from './transfer.enums.ts';

const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, { error: `${label}最多 ${max} 字` }).optional();

/** A receiving organisation outside the platform (the 介绍信 goes on paper). */
export const externalOrg = z.strictObject({
  name: text('转入党组织名称', 100),
  address: optionalText('转入党组织地址', 200),
  contact: optionalText('联系人及电话', 100),
});
export type ExternalOrg = z.infer<typeof externalOrg>;

/** POST /api/transfers (exact contract: memberId, toOrgId | externalOrg, reason; remarks and letter optional). */
export const createTransferBody = z.strictObject({
  memberId: uuid,
  toOrgId: uuid.optional(),
  externalOrg: externalOrg.optional(),
  reason: text('转出原因', 200),
  remarks: optionalText('备注', 500),
  /** A printed 介绍信 even for a transfer on the platform. */
  letter: z.boolean().optional(),
});

/** POST /api/transfers/:id/approve | reject | return (exact contract). */
export const stepActionBody = z.strictObject({ comment: optionalText('意见', 500) });

/** POST /api/transfers/:id/resubmit: the corrections (all optional). */
export const resubmitBody = z
  .strictObject({ toOrgId: uuid.optional(), externalOrg: externalOrg.optional(), reason: text('转出原因', 200).optional(), remarks: optionalText('备注', 500) })
  .default({});

/** POST /api/transfers/:id/receipt: the 回执 came back from the receiving organisation. */
export const receiptBody = z.strictObject({ receivedOn: isoDate, receivingOrgName: text('回执单位', 100), note: optionalText('备注', 500) });

export const transferStepView = z.object({
  seq: z.number().int(),
  orgId: z.uuid(),
  orgName: z.string(),
  role: z.enum(stepRoles),
  status: z.enum(stepStatuses),
  actor: z.string().nullable(),
  at: z.string().nullable(),
  comment: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The level an ancestor acted for (acted on a step of its subtree). */
  actingForOrgName: z.string().nullable(),
});

export const letterView = z.object({
  letterNo: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  expired: z.boolean(),
  receiptOverdue: z.boolean(),
  receivedOn: z.string().nullable(),
  receivingOrgName: z.string().nullable(),
  pdfUrl: z.string(),
  /** The page the letter's QR opens (signed token; public check of the letter). */
  verifyPath: z.string(),
});

export const transferView = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberName: z.string(),
  fromOrgId: z.uuid(),
  fromOrgName: z.string(),
  toOrgId: z.uuid().nullable(),
  toOrgName: z.string().nullable(),
  externalOrg: externalOrg.nullable(),
  reason: z.string(),
  remarks: z.string().nullable(),
  /** 党费交至 when the transfer started (from the dues ledger). */
  paidUntil: z.string().nullable(),
  status: z.enum(transferStatuses),
  round: z.number().int(),
  steps: z.array(transferStepView),
  /** Earlier rounds (before a return and resubmission), oldest first. */
  history: z.array(transferStepView.extend({ round: z.number().int() })),
  initiatedBy: z.string().nullable(),
  initiatedBySelf: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  letter: letterView.nullable(),
  /** What the caller may do now. */
  actions: z.array(z.enum(transferActions)),
  version: z.number().int(),
});
export type TransferView = z.infer<typeof transferView>;

export const transferSummary = transferView.pick({ id: true, memberId: true, memberName: true, fromOrgName: true, toOrgName: true, status: true, createdAt: true }).extend({
  currentStep: transferStepView.nullable(),
});
export type TransferSummary = z.infer<typeof transferSummary>;

/** GET /api/transfers/inbox: 待办 (steps the caller may act on), 未办结 (started in the caller's scope), counts. */
export const transferInboxView = z.object({
  counts: z.object({ todo: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int(), unfinished: z.number().int(), awaitingReceipt: z.number().int() }),
  todo: z.array(transferSummary),
  unfinished: z.array(transferSummary),
});
export type TransferInboxView = z.infer<typeof transferInboxView>;
