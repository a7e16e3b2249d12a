import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { ReductionKind } from '@xianfeng/contracts/dues/dues.enums';
import { MemberSelect } from '../../life/components/MemberSelect';
import { duesKeys, requestReduction } from '../api';
import { parseYuanToFen, yuanRule } from '../money';
import { addMonths, currentMonth } from '../months';
import { MonthPickerField } from './MonthPicker';
import { placeServerErrors } from './server-errors';

interface Values {
  memberId: string;
  kind: ReductionKind;
  monthly?: string;
  fromMonth: string;
  toMonth: string;
  reason: string;
}

const FIELDS = ['memberId', 'kind', 'monthly', 'fromMonth', 'toMonth', 'reason'] as const;

/**
 * 党费减免申请 (中组发〔2008〕3号 第七条): a member in real hardship may pay less or nothing for a period
 * (at most 12 months); the branch meeting discusses it and the higher committee approves.
 */
export function ReductionFormModal({ open, orgId, onClose }: { open: boolean; orgId: string | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTopError(null);
    const m = currentMonth();
    form.setFieldsValue({ kind: 'reduce', fromMonth: m, toMonth: addMonths(m, 11) });
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      await requestReduction({
        memberId: v.memberId,
        kind: v.kind,
        ...(v.kind === 'reduce' ? { monthlyFen: parseYuanToFen(v.monthly ?? '')! } : {}),
        fromMonth: v.fromMonth,
        toMonth: v.toMonth,
        reason: v.reason.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeServerErrors(form, err, FIELDS, { rename: { monthlyFen: 'monthly' }, codes: { DUES_REDUCTION_PERIOD_INVALID: 'toMonth', DUES_REDUCTION_OVERLAP: 'fromMonth' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="党费减免申请" okText="提交申请" cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" requiredMark={false} data-testid="reduction-form">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="经支部党员大会讨论后提交，由上一级党委审批"
          description="生活确有困难的党员，本人提出申请，经支部党员大会讨论同意、报上一级党委批准后，可以少交或免交党费（中组发〔2008〕3号 第七条）。减免期限一般不超过 12 个月，期满后仍有困难的可重新申请。批准后，期间未交的账单按减免后的金额重新计算。"
        />
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberSelect ariaLabel="党员" orgId={orgId ?? undefined} />
        </Form.Item>
        <Form.Item name="kind" label="减免方式" rules={[{ required: true, message: '请选择减免方式' }]}>
          <Radio.Group
            options={[
              { value: 'reduce', label: '少交（每月交纳一个较低的金额）' },
              { value: 'exempt', label: '免交' },
            ]}
          />
        </Form.Item>
        {kind === 'reduce' && (
          <Form.Item name="monthly" label="减免后每月交纳（元）" rules={[yuanRule('每月交纳金额')]}>
            <Input aria-label="减免后每月交纳" prefix="¥" inputMode="decimal" placeholder="如 0.50" style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="fromMonth" label="起始月份" rules={[{ required: true, message: '请选择起始月份' }]} style={{ flex: 1 }}>
            <MonthPickerField ariaLabel="起始月份" allowFuture />
          </Form.Item>
          <Form.Item
            name="toMonth"
            label="截止月份"
            dependencies={['fromMonth']}
            rules={[
              { required: true, message: '请选择截止月份' },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) => {
                  const from = getFieldValue('fromMonth') as string | undefined;
                  if (!v || !from) return Promise.resolve();
                  if (v < from) return Promise.reject(new Error('截止月份不能早于起始月份'));
                  if (v > addMonths(from, 11)) return Promise.reject(new Error('减免期限最长 12 个月'));
                  return Promise.resolve();
                },
              }),
            ]}
            style={{ flex: 1 }}
          >
            <MonthPickerField ariaLabel="截止月份" allowFuture />
          </Form.Item>
        </div>
        <Form.Item name="reason" label="减免理由（含支部党员大会讨论情况）" rules={[{ required: true, whitespace: true, message: '请填写减免理由' }, { max: 300, message: '最多 300 字' }]}>
          <Input.TextArea aria-label="减免理由" rows={3} placeholder="如：本人患重病，家庭收入微薄；经 11 月 5 日支部党员大会讨论同意" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
