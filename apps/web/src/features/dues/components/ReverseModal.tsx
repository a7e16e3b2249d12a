import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { duesKeys, reversePayment, type PaymentView } from '../api';
import { paymentErrorText, useIdempotencyKey } from '../idempotency';
import { formatFen } from '../money';
import { PaymentReceipt } from './PaymentReceipt';
import { placeServerErrors } from './server-errors';

/**
 * 冲正: a mistaken entry is never edited or deleted; a reversing entry of the opposite amount is recorded
 * with its reason, and the months it had settled are owed again.
 */
export function ReverseModal({ payment, onClose }: { payment: PaymentView | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const idem = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [done, setDone] = useState<PaymentView | null>(null);

  useEffect(() => {
    if (!payment) return;
    form.resetFields();
    // The key is not reset here: reopening after a dropped connection and sending the same payment again
    // must reuse it (useIdempotencyKey compares the body), or the payment could be recorded twice.
    setTopError(null);
    setDone(null);
  }, [payment]);

  const submit = async () => {
    if (!payment) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const r = await reversePayment(payment.id, reason.trim(), idem.keyFor({ id: payment.id, reason: reason.trim() }));
      idem.reset();
      setDone(r);
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
    } catch (err) {
      idem.failed(err);
      const top = placeServerErrors(form, err, ['reason']);
      setTopError(top === null ? null : paymentErrorText(err, top));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={payment !== null}
      title={payment ? `冲正：收据 ${payment.receiptNo}` : '冲正'}
      onCancel={onClose}
      destroyOnHidden
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
              <Button key="submit" danger type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="reverse-submit">
                确认冲正
              </Button>,
            ]
      }
    >
      {done ? (
        <PaymentReceipt p={done} />
      ) : (
        payment && (
          <Form form={form} layout="vertical" requiredMark={false}>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`将记一笔 ${formatFen(-payment.amountFen)} 的冲正记录`}
              description={`${payment.memberName} 于 ${payment.paidOn} 交纳的 ${formatFen(payment.amountFen)} 将被撤回：原记录保留，所计入的月份恢复为未交。冲正不能撤销，请核实后再操作。`}
            />
            {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
            <Form.Item name="reason" label="冲正原因" rules={[{ required: true, whitespace: true, message: '请填写冲正原因' }, { max: 200, message: '最多 200 字' }]}>
              <Input.TextArea aria-label="冲正原因" rows={3} placeholder="如：金额登记错误，应为 11.73 元" />
            </Form.Item>
          </Form>
        )
      )}
    </Modal>
  );
}
