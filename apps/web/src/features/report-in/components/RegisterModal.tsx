import { useEffect, useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { applyServerErrors } from '@/lib/form-errors';
import { errorMessage } from '@/lib/http';
import { registerReportIn, type ReportInView } from '../api';
import { CommunitySelect } from './CommunitySelect';

interface Values {
  name: string;
  idNumber: string;
  phone?: string;
  communityOrgId: string;
}
const FIELDS = ['name', 'idNumber', 'phone', 'communityOrgId'] as const;

/** The unit registers one member with the residence community; then the 报到证 is printed for the member. */
export function RegisterModal({ open, unitId, onClose }: { open: boolean; unitId: string | null; onClose: (created: ReportInView | null) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open]);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      onClose(await registerReportIn({ unitId: unitId!, name: v.name.trim(), idNumber: v.idNumber.trim(), communityOrgId: v.communityOrgId, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) }));
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setError(rest.length ? rest.join('；') : form.getFieldsError().some((f) => f.errors.length) ? null : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="登记在职党员报到" okText="登记并打印报到证" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(null)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号码" rules={[{ required: true, whitespace: true, message: '请填写身份证号码' }]} extra="用于对应平台上的党员档案；页面和证件上只显示部分号码">
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label="手机号码（可不填）">
          <Input maxLength={11} autoComplete="off" />
        </Form.Item>
        <Form.Item name="communityOrgId" label="居住地社区" rules={[{ required: true, message: '请选择居住地所在社区' }]}>
          <CommunitySelect mine={false} width="100%" />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
