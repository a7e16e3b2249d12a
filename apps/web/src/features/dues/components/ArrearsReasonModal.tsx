import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { duesKeys, registerArrearsReason } from '../api';
import { addMonths, currentMonth } from '../months';
import { MonthPickerField } from './MonthPicker';
import { placeServerErrors } from './server-errors';

export interface ReasonTarget {
  memberId: string;
  name: string;
  /** Suggested start: the oldest unpaid month. */
  fromMonth?: string | null | undefined;
}

interface Values {
  fromMonth: string;
  toMonth: string;
  reason: string;
}

/**
 * 登记未交正当理由: months covered by a valid reason (illness, hardship…, as the branch judges) do not count
 * towards the six-month 自行脱党 flag, and may be paid later beyond the back-payment limit.
 */
export function ArrearsReasonModal({ target, onClose }: { target: ReasonTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    setTopError(null);
    form.setFieldsValue({ fromMonth: target.fromMonth ?? addMonths(currentMonth(), -1), toMonth: addMonths(currentMonth(), -1) });
  }, [target]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      await registerArrearsReason(target.memberId, { fromMonth: v.fromMonth, toMonth: v.toMonth, reason: v.reason.trim() });
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeServerErrors(form, err, ['fromMonth', 'toMonth', 'reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target ? `登记未交党费的正当理由：${target.name}` : ''}
      okText="登记"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid="arrears-reason-form">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="有正当理由的月份不计入“连续 6 个月未交”"
          description="如因病住院、生活困难、外出联系不上等，经支部了解属实的，登记起止月份和理由。这些月份日后补交不受补交月数限制。"
        />
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="fromMonth" label="起始月份" rules={[{ required: true, message: '请选择起始月份' }]} style={{ flex: 1 }}>
            <MonthPickerField ariaLabel="起始月份" />
          </Form.Item>
          <Form.Item
            name="toMonth"
            label="截止月份"
            dependencies={['fromMonth']}
            rules={[
              { required: true, message: '请选择截止月份' },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) => (v && v < (getFieldValue('fromMonth') as string) ? Promise.reject(new Error('截止月份不能早于起始月份')) : Promise.resolve()),
              }),
            ]}
            style={{ flex: 1 }}
          >
            <MonthPickerField ariaLabel="截止月份" allowFuture />
          </Form.Item>
        </div>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 200, message: '最多 200 字' }]}>
          <Input.TextArea aria-label="理由" rows={3} placeholder="如：2026 年 5–9 月因病住院治疗，经支部了解属实" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
