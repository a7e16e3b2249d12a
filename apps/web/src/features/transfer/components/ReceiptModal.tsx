import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DATE_FORMAT, fromDayjs } from '@/lib/dates';
import { registerReceipt, type TransferView } from '../api';
import { placeTransferErrors } from './server-errors';

interface Values {
  receivedOn?: Dayjs | null;
  receivingOrgName?: string;
  note?: string;
}

interface Props {
  transfer: TransferView;
  open: boolean;
  onClose: () => void;
  onDone: (t: TransferView) => void;
}

/**
 * 登记回执: the receiving organisation's slip came back, so a transfer off the platform is finished. The day
 * lies between the letter's issue and today (the server checks the same).
 */
export function ReceiptModal({ transfer, open, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const issuedOn = transfer.letter?.issuedOn;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ receivedOn: dayjs(), receivingOrgName: transfer.toOrgName ?? '' });
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onDone(
        await registerReceipt(transfer.id, {
          receivedOn: fromDayjs(v.receivedOn) ?? '',
          receivingOrgName: (v.receivingOrgName ?? '').trim(),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        }),
      );
    } catch (err) {
      setError(placeTransferErrors(form, err, ['receivedOn', 'receivingOrgName', 'note'], { TRANSFER_LETTER_EXPIRED: 'receivedOn' }).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="登记介绍信回执" okText="登记并办结" cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} forceRender>
      <Form form={form} layout="vertical" requiredMark={false} data-testid="receipt-form">
        <Alert type="info" style={{ marginBottom: 16 }} title={`介绍信 ${transfer.letter?.letterNo ?? ''}：${transfer.memberName} 转往 ${transfer.toOrgName ?? ''}`} description="收到接收党组织寄回或带回的回执联后登记，本次转接即办结。" />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="receivedOn" label="收到回执日期" rules={[{ required: true, message: '请选择收到回执的日期' }]}>
          <DatePicker
            aria-label="收到回执日期"
            format={DATE_FORMAT}
            style={{ width: 200 }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!issuedOn && d.isBefore(dayjs(issuedOn), 'day'))}
          />
        </Form.Item>
        <Form.Item name="receivingOrgName" label="回执单位（接收党组织）" rules={[{ required: true, whitespace: true, message: '请填写回执上的接收党组织' }, { max: 100, message: '最多 100 字' }]}>
          <Input aria-label="回执单位" />
        </Form.Item>
        <Form.Item name="note" label="备注（可选）" rules={[{ max: 500, message: '最多 500 字' }]}>
          <Input.TextArea aria-label="回执备注" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
