import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { paymentMethodLabels, type PaymentMethod } from '@xianfeng/contracts/dues/dues.enums';
import { fromDayjs } from '@/lib/dates';
import { MemberSelect } from '../../life/components/MemberSelect';
import { duesKeys, getMemberDues, recordPayment, type BillView, type PaymentInput, type PaymentView } from '../api';
import { paymentErrorText, useIdempotencyKey } from '../idempotency';
import { fenToYuan, formatFen, parseYuanToFen, yuanRule } from '../money';
import { currentYear, monthText, todayInBeijing } from '../months';
import { PaymentReceipt } from './PaymentReceipt';
import { placeServerErrors } from './server-errors';

/** 登记交纳 for chosen bills (the amount must equal what they still owe), or 按党员交纳 (oldest first, the rest prepaid). */
export type PaymentTarget = { kind: 'bills'; bills: BillView[] } | { kind: 'member'; orgId: string; memberId?: string | undefined };

interface Values {
  memberId?: string;
  amount: string;
  method: PaymentMethod;
  paidOn: Dayjs;
  payerMemberId?: string;
}

const FIELDS = ['memberId', 'amount', 'method', 'paidOn', 'payerMemberId'] as const;
// Staff record money received; 线上支付 is the member's own (H5), the server refuses it for others.
const methods = (['cash', 'bank_transfer', 'other'] as const).map((m) => ({ value: m, label: paymentMethodLabels[m] }));
const outstanding = (bills: BillView[]) => bills.reduce((s, b) => s + b.amountFen - b.paidFen, 0);

export function PaymentModal({ target, onClose }: { target: PaymentTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const idem = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [done, setDone] = useState<PaymentView | null>(null);
  const open = target !== null;
  const payer = Form.useWatch('payerMemberId', form);
  const memberId = Form.useWatch('memberId', form) ?? (target?.kind === 'member' ? target.memberId : undefined);
  const year = currentYear();
  // 按党员交纳: what the member owes and has prepaid, to prefill and to explain.
  const standing = useQuery({
    queryKey: duesKeys.member(memberId ?? '', year),
    queryFn: () => getMemberDues(memberId!, year),
    enabled: open && target?.kind === 'member' && !!memberId,
    retry: false,
  });
  const orgId = target?.kind === 'member' ? target.orgId : target?.bills[0]?.orgId;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    // The key is not reset here: reopening after a dropped connection and sending the same payment again
    // must reuse it (useIdempotencyKey compares the body), or the payment could be recorded twice.
    setTopError(null);
    setDone(null);
    form.setFieldsValue({
      method: 'cash',
      paidOn: dayjs(todayInBeijing()),
      ...(target.kind === 'bills' ? { amount: fenToYuan(outstanding(target.bills)) } : { memberId: target.memberId }),
    });
    // Reset when the dialog opens for a new target.
  }, [target]);

  useEffect(() => {
    const s = standing.data;
    if (!s || form.isFieldTouched('amount')) return;
    const suggested = s.owedFen > 0 ? s.owedFen : (s.currentMonthlyFen ?? 0);
    if (suggested > 0) form.setFieldValue('amount', fenToYuan(suggested));
  }, [standing.data]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const body: PaymentInput = {
      ...(target.kind === 'bills' ? { billIds: target.bills.map((b) => b.id) } : { memberId: v.memberId! }),
      amountFen: parseYuanToFen(v.amount)!,
      method: v.method,
      paidOn: fromDayjs(v.paidOn)!,
      ...(v.payerMemberId ? { payerMemberId: v.payerMemberId } : {}),
    };
    setBusy(true);
    setTopError(null);
    try {
      const p = await recordPayment(body, idem.keyFor(body));
      idem.reset();
      setDone(p);
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
    } catch (err) {
      idem.failed(err);
      const top = placeServerErrors(form, err, FIELDS, {
        rename: { amountFen: 'amount', billIds: 'amount' },
        codes: { DUES_AMOUNT_MISMATCH: 'amount', DUES_PAID_ON_INVALID: 'paidOn', DUES_PAYER_INVALID: 'payerMemberId' },
      });
      setTopError(top === null ? null : paymentErrorText(err, top));
    } finally {
      setBusy(false);
    }
  };

  const bills = target?.kind === 'bills' ? target.bills : [];
  const title = target?.kind === 'bills' ? `登记交纳：${bills[0]?.memberName ?? ''} ${bills.map((b) => monthText(b.month)).join('、')}` : '按党员交纳';
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      footer={
        done
          ? [
              <Button key="ok" type="primary" onClick={onClose}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="submit" type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="payment-submit">
                确认交纳
              </Button>,
            ]
      }
    >
      {done ? (
        <PaymentReceipt p={done} />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} data-testid="payment-form">
          {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="payment-error" />}
          {target?.kind === 'member' && (
            <>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title="按党员交纳：先抵最早未交的月份"
                description="交纳金额依次计入最早未交的月份（先补交、后当月）；多出的部分记为预交余额，以后生成账单时自动抵扣。补交一般不超过规定的月数，更早的月份须先登记正当理由。"
              />
              <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
                <MemberSelect ariaLabel="党员" orgId={orgId} />
              </Form.Item>
              {standing.data && (
                <Typography.Paragraph type="secondary" data-testid="payment-standing">
                  党费交至 {standing.data.paidUntil ? monthText(standing.data.paidUntil) : '—'}；欠交 {formatFen(standing.data.owedFen)}（{standing.data.unpaidMonths} 个月）；预交余额{' '}
                  {formatFen(standing.data.creditFen)}；每月应交 {standing.data.currentMonthlyFen === null ? '未核定' : formatFen(standing.data.currentMonthlyFen)}
                </Typography.Paragraph>
              )}
            </>
          )}
          <Form.Item
            name="amount"
            label="交纳金额（元）"
            rules={[yuanRule('交纳金额', { min: 1 })]}
            extra={target?.kind === 'bills' ? `按账单交纳时，金额应等于未交金额 ${formatFen(outstanding(bills))}；多交或预交请用“按党员交纳”。` : undefined}
          >
            <Input aria-label="交纳金额" prefix="¥" inputMode="decimal" placeholder="如 11.73" style={{ maxWidth: 240 }} />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="method" label="交纳方式" rules={[{ required: true, message: '请选择交纳方式' }]} style={{ flex: 1 }}>
              <Select aria-label="交纳方式" options={methods} />
            </Form.Item>
            <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择交纳日期' }]} style={{ flex: 1 }}>
              <DatePicker aria-label="交纳日期" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(todayInBeijing()), 'day')} />
            </Form.Item>
          </div>
          <Form.Item
            name="payerMemberId"
            label={
              <span>
                代缴人（可选）
                {payer && (
                  <Button type="link" size="small" onClick={() => form.setFieldValue('payerMemberId', undefined)}>
                    不代缴
                  </Button>
                )}
              </span>
            }
            extra="党员因外出等原因委托他人代交时填写代交的党员。"
          >
            <MemberSelect ariaLabel="代缴人" orgId={orgId} placeholder="本人交纳时不填" exclude={memberId ? [memberId] : []} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
