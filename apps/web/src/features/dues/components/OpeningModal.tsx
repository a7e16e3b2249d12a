import { useEffect, useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { duesKeys, registerOpening, type MemberDuesView } from '../api';
import { addMonths, currentMonth } from '../months';
import { MonthPickerField } from './MonthPicker';
import { placeServerErrors } from './server-errors';

/**
 * 登记党费交至: for a member whose dues were kept on paper before the platform, or who transferred in with
 * the 党费交至 month on the letter; months up to it are never billed.
 */
export function OpeningModal({ open, dues, onClose }: { open: boolean; dues: MemberDuesView; onClose: () => void }) {
  const [form] = Form.useForm<{ paidUntil: string }>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTopError(null);
    form.setFieldsValue({ paidUntil: dues.paidUntil ?? addMonths(currentMonth(), -1) });
  }, [open]);

  const submit = async () => {
    const { paidUntil } = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      await registerOpening(dues.memberId, paidUntil);
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeServerErrors(form, err, ['paidUntil']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={`登记党费交至：${dues.name}`} okText="登记" cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="用于纸质记录和组织关系转入"
          description="平台启用前已在纸质台账上交纳的，或组织关系转入时介绍信上注明“党费交至”的，在这里登记；此后的月份才生成账单。已有账单的党员以账单为准，不能再登记。"
        />
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <Form.Item name="paidUntil" label="党费交至" rules={[{ required: true, message: '请选择月份' }]} style={{ maxWidth: 260 }}>
          <MonthPickerField ariaLabel="党费交至" allowFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}
