import { useState } from 'react';
import { Input, Modal, Space, Tag, Typography } from 'antd';
import { errorMessage } from '@/lib/http';

/** Asks for a reason (decline, end, not accepting a service) with a few common ones to tap; the server checks it too. */
export function ReasonModal(props: { open: boolean; title: string; label: string; presets: string[]; okText: string; onCancel: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) return setError(`请填写${props.label}`);
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(reason.trim());
      setReason('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={props.title} okText={props.okText} cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={props.onCancel} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea aria-label={props.label} rows={3} maxLength={200} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder={`${props.label}（必填）`} />
        <Space wrap size={[4, 4]}>
          {props.presets.map((p) => (
            <Tag.CheckableTag key={p} checked={reason === p} onChange={() => setReason(p)}>
              {p}
            </Tag.CheckableTag>
          ))}
        </Space>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
    </Modal>
  );
}
