import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { stepRoleLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import { decideStep, type Decision, type TransferView } from '../api';
import { placeTransferErrors } from './server-errors';

const wording: Record<Decision, { title: string; ok: string; label: string; placeholder: string }> = {
  approve: { title: '同意', ok: '同意', label: '意见（可选）', placeholder: '如：同意转出' },
  return: { title: '退回修改', ok: '退回修改', label: '退回原因（必填）', placeholder: '如：转入支部填写有误，请核对后重新提交' },
  reject: { title: '不同意', ok: '不同意', label: '不同意的理由（必填）', placeholder: '如：该党员尚有未结清的事项，不符合转接条件' },
};

interface Props {
  transfer: TransferView;
  decision: Decision | null;
  onClose: () => void;
  onDone: (t: TransferView) => void;
}

/**
 * 同意 / 退回修改 / 不同意 the current step. A return or a refusal must say why (the server insists too);
 * a refusal ends the transfer, a return sends it back to whoever started it.
 */
export function DecisionModal({ transfer, decision, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ comment?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = transfer.steps.find((s) => s.status === 'pending');

  useEffect(() => {
    if (!decision) return;
    form.resetFields();
    setError(null);
  }, [decision]);

  const submit = async () => {
    if (!decision) return;
    const { comment } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onDone(await decideStep(transfer.id, decision, comment?.trim() || undefined));
    } catch (err) {
      setError(placeTransferErrors(form, err, ['comment'], { TRANSFER_COMMENT_REQUIRED: 'comment' }).message);
    } finally {
      setBusy(false);
    }
  };

  const w = decision ? wording[decision] : null;
  const required = decision === 'return' || decision === 'reject';
  return (
    <Modal
      open={decision !== null}
      title={w && step ? `${w.title}：${step.orgName}（${stepRoleLabels[step.role]}）` : w?.title}
      okText={w?.ok}
      okButtonProps={{ danger: decision === 'reject' }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid="decision-form">
        <Alert
          type={decision === 'reject' ? 'warning' : 'info'}
          style={{ marginBottom: 16 }}
          title={`${transfer.memberName}：${transfer.fromOrgName} → ${transfer.toOrgName ?? ''}`}
          description={
            decision === 'reject'
              ? '不同意后本次转接终止，党员仍在原党组织。'
              : decision === 'return'
                ? '退回后由发起方修改并重新提交，重新从第一个环节办理。'
                : step?.role === 'receiving_branch'
                  ? '同意后该党员编入本支部，组织关系转接办结。'
                  : `转出原因：${transfer.reason}`
          }
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="comment"
          label={w?.label}
          rules={[...(required ? [{ required: true, whitespace: true, message: '退回或不同意须填写意见' }] : []), { max: 500, message: '最多 500 字' }]}
        >
          <Input.TextArea aria-label="意见" rows={3} placeholder={w?.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
