import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { decideReduction, duesKeys, type ReductionView } from '../api';
import { formatFen } from '../money';
import { monthText } from '../months';

export interface Decision {
  reduction: ReductionView;
  approve: boolean;
}

/**
 * 审批 a reduction (the higher committee; not the requester). Shown to everyone who can see the request:
 * the server decides who may approve, and its refusal (403 / 422) is shown here as it says it.
 */
export function ReductionDecisionModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!decision) return;
    form.resetFields();
    setError(null);
  }, [decision]);

  const submit = async () => {
    if (!decision) return;
    const { note } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await decideReduction(decision.reduction.id, decision.approve, note?.trim() || undefined);
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const r = decision?.reduction;
  return (
    <Modal
      open={decision !== null}
      title={decision?.approve ? '批准减免申请' : '不批准减免申请'}
      okText={decision?.approve ? '批准' : '不批准'}
      okButtonProps={{ danger: decision?.approve === false }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {r && (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={`${r.memberName}（${r.orgName}）：${r.kind === 'exempt' ? '免交' : `少交，每月 ${formatFen(r.monthlyFen)}`}，${monthText(r.fromMonth)}—${monthText(r.toMonth)}`}
            description={`理由：${r.reason}`}
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="decision-error" />}
          <Form.Item name="note" label="审批意见（可选）" rules={[{ max: 200, message: '最多 200 字' }]}>
            <Input.TextArea aria-label="审批意见" rows={2} placeholder={decision.approve ? '如：情况属实，同意' : '如：材料不全，请补充后重新申请'} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
