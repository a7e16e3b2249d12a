import { useEffect, useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { resubmitTransfer, type TransferView } from '../api';
import { placeTransferErrors } from './server-errors';
import { ReasonFields, TargetFields, targetOf, TRANSFER_FIELDS, type TransferFieldValues } from './TransferFields';

interface Props {
  transfer: TransferView;
  open: boolean;
  onClose: () => void;
  onDone: (t: TransferView) => void;
}

/** The comment of the step that sent it back, so the correction answers it. */
const returnComment = (t: TransferView) => t.steps.find((s) => s.status === 'returned')?.comment ?? null;

/**
 * 修改后重新提交 a returned transfer: the target, reason and remarks start from what was sent; the approval
 * chain is rebuilt from the first step (the target may have changed).
 */
export function ResubmitModal({ transfer, open, onClose, onDone }: Props) {
  const [form] = Form.useForm<TransferFieldValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      targetKind: transfer.externalOrg ? 'outside' : 'inside',
      toOrgId: transfer.toOrgId,
      toOrgName: transfer.externalOrg ? null : transfer.toOrgName,
      externalOrg: { name: transfer.externalOrg?.name ?? '', address: transfer.externalOrg?.address ?? '', contact: transfer.externalOrg?.contact ?? '' },
      reason: transfer.reason,
      remarks: transfer.remarks ?? '',
    });
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onDone(await resubmitTransfer(transfer.id, { ...targetOf(v), reason: (v.reason ?? '').trim(), ...(v.remarks?.trim() ? { remarks: v.remarks.trim() } : {}) }));
    } catch (err) {
      setError(placeTransferErrors(form, err, TRANSFER_FIELDS, { TRANSFER_NO_COMMITTEE: 'toOrgId' }).message);
    } finally {
      setBusy(false);
    }
  };

  const why = returnComment(transfer);
  return (
    <Modal open={open} title="修改后重新提交" okText="重新提交" cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} width={640} forceRender>
      <Form form={form} layout="vertical" requiredMark={false} data-testid="resubmit-form">
        {why && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`退回原因：${why}`} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <TargetFields excludeOrgId={transfer.fromOrgId} />
        <ReasonFields />
      </Form>
    </Modal>
  );
}
