import { z } from 'zod';
import { isoDate, pageOf, pageQuery, uuid } from '../common/common.schemas.ts';
import { arrearsLevels, billStatuses, duesCategories, paymentKinds, paymentMethods, reductionKinds, reductionStatuses } from './dues.enums.ts';

const monthError = { error: '月份格式应为 YYYY-MM（2000–2100 年）' };
/** `YYYY-MM`, years 2000–2100 (the platform's period range). */
export const month = z
  .string(monthError)
  .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, monthError);
const fen = (label: string, max = 100_000_000_00) =>
  z
    .number({ error: `${label}应为以分为单位的整数` })
    .int({ error: `${label}应为以分为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(max, { error: `${label}过大` });
const positiveFen = (label: string) => fen(label).min(1, { error: `${label}应大于 0` });
const year = z.coerce.number({ error: '年份应为 2000–2100 之间的整数' }).int({ error: '年份应为 2000–2100 之间的整数' }).min(2000, { error: '年份应为 2000–2100 之间的整数' }).max(2100, { error: '年份应为 2000–2100 之间的整数' });
const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });

/** POST /api/dues/quote (exact contract). `baseFen` is optional for the fixed categories. */
export const quoteInput = z.strictObject({ category: z.enum(duesCategories, { error: '党费类别无效' }), baseFen: fen('计算基数').optional() });
export const quoteView = z.object({ monthlyFen: z.number().int(), rateBasisPoints: z.number().int().nullable(), capped: z.boolean() });
export type QuoteView = z.infer<typeof quoteView>;

/** POST /api/members/:id/dues/base — a base declaration (计算基数申报). */
export const baseInput = z.strictObject({
  duesCategory: z.enum(duesCategories, { error: '党费类别无效' }),
  baseFen: fen('计算基数').optional(),
  effectiveMonth: month,
});
export type BaseInput = z.infer<typeof baseInput>;
export const baseView = z.object({
  id: uuid,
  memberId: uuid,
  duesCategory: z.enum(duesCategories),
  effectiveMonth: month,
  rateBasisPoints: z.number().int().nullable(),
  /** The whole-amount dues before the cap (fixed categories: the amount at declaration). */
  standardFen: z.number().int(),
  /** The base itself: returned to the member only; staff see the rate and the amount (ARCHITECTURE §7, sensitive). */
  baseFen: z.number().int().nullable(),
  declaredAt: z.string(),
  declaredBy: z.string().nullable(),
});
export type BaseView = z.infer<typeof baseView>;

/** POST /api/members/:id/dues/opening — 党费交至 when the member arrives with paper records (go-live, transfer in). */
export const openingInput = z.strictObject({ paidUntil: month });

/** POST /api/members/:id/dues/arrears-reason — a valid reason for months not paid (no 自行脱党 flag while covered). */
export const arrearsReasonInput = z.strictObject({ fromMonth: month, toMonth: month, reason: text('理由', 200) });

export const generateInput = z.strictObject({ orgId: uuid, month });
export const generateView = z.object({
  orgId: uuid,
  month,
  /** Bills created by this run (back-billed months included). */
  created: z.number().int(),
  /** Active members whose bill for the month already existed. */
  existing: z.number().int(),
  /** Bills settled at once from a member's prepayment. */
  settledFromCredit: z.number().int(),
  /** Active members with no base for the month: declare one, then run again. */
  missingBase: z.array(z.object({ memberId: uuid, name: z.string(), orgName: z.string() })),
  missingBaseTotal: z.number().int(),
});
export type GenerateView = z.infer<typeof generateView>;

export const billsQuery = z.object({ orgId: uuid, month: month.optional(), memberId: uuid.optional(), status: z.enum(billStatuses).optional(), ...pageQuery });
export const billView = z.object({
  id: uuid,
  memberId: uuid,
  memberName: z.string(),
  orgId: uuid,
  orgName: z.string(),
  month,
  duesCategory: z.enum(duesCategories),
  rateBasisPoints: z.number().int().nullable(),
  /** Before any reduction; capped already. */
  standardFen: z.number().int(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  capped: z.boolean(),
  reductionId: uuid.nullable(),
  status: z.enum(billStatuses),
  /** Back-billed from a 预备党员's acceptance month: not limited by the back-payment setting (2008 第八条). */
  fromAcceptance: z.boolean(),
});
export type BillView = z.infer<typeof billView>;
export const billPage = pageOf(billView).extend({ totals: z.object({ amountFen: z.number().int(), paidFen: z.number().int() }) });

/** POST /api/dues/payments (exact contract, Idempotency-Key). Either `billIds` or `memberId`. */
export const paymentInput = z
  .strictObject({
    billIds: z.array(uuid).min(1, { error: '请选择账单' }).max(24, { error: '一次最多 24 张账单' }).optional(),
    memberId: uuid.optional(),
    amountFen: positiveFen('交纳金额'),
    method: z.enum(paymentMethods, { error: '交纳方式应为 cash、bank_transfer、online 或 other' }),
    paidOn: isoDate,
    payerMemberId: uuid.optional(),
  })
  .refine((v) => (v.billIds ? 1 : 0) + (v.memberId ? 1 : 0) === 1, { error: '请填写 billIds 或 memberId 之一', path: ['memberId'] });
export type PaymentInput = z.infer<typeof paymentInput>;
export const allocationView = z.object({ billId: uuid, month, amountFen: z.number().int() });
export const paymentView = z.object({
  id: uuid,
  receiptNo: z.string(),
  kind: z.enum(paymentKinds),
  memberId: uuid,
  memberName: z.string(),
  payerMemberId: uuid.nullable(),
  payerName: z.string().nullable(),
  orgId: uuid,
  amountFen: z.number().int(),
  method: z.enum(paymentMethods),
  paidOn: isoDate,
  allocations: z.array(allocationView),
  /** The member's prepayment (预交) after this entry. */
  creditFen: z.number().int(),
  reversesPaymentId: uuid.nullable(),
  /** The reversing entry of this payment, once reversed (冲正). */
  reversedByPaymentId: uuid.nullable(),
  reason: z.string().nullable(),
  /** `development` marks a payment recorded by the development provider: no money moved. */
  provider: z.string().nullable(),
  moneyMoved: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});
export type PaymentView = z.infer<typeof paymentView>;
export const reverseInput = z.strictObject({ reason: text('冲正原因', 200) });
export const paymentsQuery = z.object({ orgId: uuid, month: month.optional(), memberId: uuid.optional(), ...pageQuery });
export const paymentPage = pageOf(paymentView);

export const memberDuesQuery = z.object({ year: year.optional() });
export const memberDuesView = z.object({
  memberId: uuid,
  name: z.string(),
  orgId: uuid,
  /** 党费交至 (the last month settled without a gap, prepaid months included); null before any payment. */
  paidUntil: month.nullable(),
  creditFen: z.number().int(),
  owedFen: z.number().int(),
  unpaidMonths: z.number().int(),
  consecutiveUnpaid: z.number().int(),
  arrearsLevel: z.enum(arrearsLevels),
  currentBase: baseView.nullable(),
  /** The month's amount if a bill were made now (null without a base). */
  currentMonthlyFen: z.number().int().nullable(),
  year: z.number().int(),
  bills: z.array(billView),
  payments: z.array(paymentView),
  bases: z.array(baseView),
  /** Valid reasons recorded for unpaid months (they do not count toward 自行脱党). */
  arrearsReasons: z.array(z.object({ fromMonth: month, toMonth: month, reason: z.string() })),
  /** The settings that apply to this member: how bases are fixed, and how far back 补交 may reach. */
  baseRule: z.enum(['2008', '2017']),
  backPaymentMonths: z.number().int(),
});
export type MemberDuesView = z.infer<typeof memberDuesView>;

export const arrearsQuery = z.object({ orgId: uuid, level: z.enum(arrearsLevels).optional(), ...pageQuery });
export const arrearsView = z.object({
  memberId: uuid,
  name: z.string(),
  orgId: uuid,
  orgName: z.string(),
  paidUntil: month.nullable(),
  unpaidMonths: z.number().int(),
  consecutiveUnpaid: z.number().int(),
  owedFen: z.number().int(),
  oldestUnpaid: month,
  level: z.enum(arrearsLevels),
  reason: z.object({ fromMonth: month, toMonth: month, reason: z.string() }).nullable(),
});
export type ArrearsView = z.infer<typeof arrearsView>;
export const arrearsPage = pageOf(arrearsView);

export const reductionInput = z
  .strictObject({
    memberId: uuid,
    kind: z.enum(reductionKinds, { error: '减免方式应为 reduce（少交）或 exempt（免交）' }),
    monthlyFen: fen('减免后每月交纳金额').optional(),
    fromMonth: month,
    toMonth: month,
    reason: text('减免理由', 300),
  })
  .refine((v) => v.kind === 'exempt' || v.monthlyFen !== undefined, { error: '少交须填写减免后每月交纳金额', path: ['monthlyFen'] });
export const reductionDecisionInput = z.strictObject({ approve: z.boolean({ error: 'approve 应为 true 或 false' }), note: z.string().trim().max(200).optional() });
export const reductionsQuery = z.object({ orgId: uuid, status: z.enum(reductionStatuses).optional(), ...pageQuery });
export const reductionView = z.object({
  id: uuid,
  memberId: uuid,
  memberName: z.string(),
  orgId: uuid,
  orgName: z.string(),
  kind: z.enum(reductionKinds),
  monthlyFen: z.number().int(),
  fromMonth: month,
  toMonth: month,
  reason: z.string(),
  status: z.enum(reductionStatuses),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Unpaid bills re-priced when approved. */
  billsRepriced: z.number().int(),
});
export type ReductionView = z.infer<typeof reductionView>;
export const reductionPage = pageOf(reductionView);

/** Collection figures of one org's subtree for a month (收缴率), with its children for drill-down. */
export const collectionFigures = z.object({
  orgId: uuid,
  orgName: z.string(),
  orgKind: z.string(),
  bills: z.number().int(),
  settledBills: z.number().int(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  /** paidFen / amountFen in basis points (0–10000); null with nothing billed. */
  rateBasisPoints: z.number().int().nullable(),
});
export type CollectionFigures = z.infer<typeof collectionFigures>;
export const collectionQuery = z.object({ orgId: uuid, month });
export const collectionView = collectionFigures.extend({ month, children: z.array(collectionFigures) });
export type CollectionView = z.infer<typeof collectionView>;
export const collectionTrendQuery = z.object({ orgId: uuid, year: year });
export const collectionTrendView = z.object({ orgId: uuid, orgName: z.string(), year: z.number().int(), months: z.array(collectionFigures.extend({ month })) });
export type CollectionTrendView = z.infer<typeof collectionTrendView>;

export const reportFormat = z.enum(['xlsx', 'pdf'], { error: '格式应为 xlsx 或 pdf' }).default('xlsx');
export const memberLedgerQuery = z.object({ memberId: uuid, year, format: reportFormat });
export const collectionSheetQuery = z.object({ orgId: uuid, month, format: reportFormat });
export const yearlyReportQuery = z.object({ orgId: uuid, year, format: reportFormat });

export const baseImportResult = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
