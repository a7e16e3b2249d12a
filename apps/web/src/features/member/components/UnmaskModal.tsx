import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { applyServerErrors } from '@/lib/form-errors';
import { getMemberFile, memberKeys, type PiiField } from '../api';

export const piiFields: PiiField[] = ['idNumber', 'phone', 'address'];

interface Props {
  /** The file to fetch unmasked; or use `onConfirm` for another audited action (the full export). */
  memberId?: string;
  /** Runs with the stated reason instead of fetching a file; a thrown API error is shown in the dialog. */
  onConfirm?: (reason: string) => Promise<void>;
  title?: string;
  okText?: string;
  open: boolean;
  onCancel: () => void;
  /** The full file was fetched with this reason (the view is audited by the server). */
  onUnmasked: (reason: string) => void;
}

/** 查看完整信息: a stated reason is required; the server records the view in the audit log. */
export function UnmaskModal({ memberId, onConfirm, title = '查看完整敏感信息', okText = '确认查看', open, onCancel, onUnmasked }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setPending(true);
    setError(null);
    try {
      const r = reason.trim();
      if (onConfirm) await onConfirm(r);
      else if (memberId) {
        await queryClient.fetchQuery({
          queryKey: memberKeys.file(memberId, r),
          queryFn: () => getMemberFile(memberId, { fields: piiFields, reason: r }),
          staleTime: Infinity,
        });
      }
      form.resetFields();
      onUnmasked(r);
    } catch (err) {
      const rest = applyServerErrors(form, err, ['reason']);
      setError([errorMessage(err), ...rest].join('；'));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="本次查看将记入审计日志"
        description="完整的身份证号码、手机号码和住址属于个人敏感信息。请如实填写查看事由，审计管理员可查阅每一次查看记录。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="reason" label="查看事由" rules={[{ required: true, whitespace: true, message: '请填写查看事由' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：核对组织关系转接材料" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
