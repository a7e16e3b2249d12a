import { useEffect, useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { applyServerErrors } from '@/lib/form-errors';
import { errorMessage } from '@/lib/http';
import { TemporaryPassword } from '../../account/components/TemporaryPassword';
import { OrgPicker } from '../../account/components/OrgPicker';
import { addUnitAdmin, createUnit, type CreatedUnit, type UnitView } from '../api';

interface Values {
  name: string;
  creditCode?: string;
  orgId?: string | null;
  username: string;
  displayName: string;
}

/**
 * A new 报到单位 with its admin account, or another admin for `unit`. The one-time password is shown once; the
 * admin account acts only for its unit (no organisation grant).
 */
export function UnitFormModal({ open, unit, onClose }: { open: boolean; unit: UnitView | null; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedUnit | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setCreated(null);
    setError(null);
  }, [open]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const admin = { username: v.username.trim(), displayName: v.displayName.trim() };
      setCreated(unit ? await addUnitAdmin(unit.id, admin) : await createUnit({ name: v.name, creditCode: v.creditCode?.trim() || undefined, orgId: v.orgId ?? undefined, admin }));
    } catch (err) {
      const rest = applyServerErrors(form, err, ['name', 'creditCode', 'orgId']);
      const adminErr = (err as { details?: { path: string; message: string }[] }).details?.find((d) => d.path.startsWith('admin.'));
      if (adminErr) form.setFields([{ name: adminErr.path.replace('admin.', '') as 'username', errors: [adminErr.message] }]);
      setError(rest.filter((m) => m !== adminErr?.message).join('；') || (adminErr ? null : errorMessage(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={unit ? `为 ${unit.name} 增加管理员` : '登记报到单位'}
      okText={created ? '完成' : '创建'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => (created ? onClose(true) : form.submit())}
      onCancel={() => onClose(!!created)}
      destroyOnHidden
    >
      {created ? (
        <TemporaryPassword username={created.admin.username} password={created.admin.temporaryPassword} />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {!unit && (
            <>
              <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
                <Input maxLength={100} placeholder="如：明德区教育局" />
              </Form.Item>
              <Form.Item name="creditCode" label="统一社会信用代码" extra="18 位，可不填">
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
              <Form.Item name="orgId" label="单位党组织（在本平台上的，可不选）">
                <OrgPicker />
              </Form.Item>
            </>
          )}
          <Form.Item name="username" label="管理员用户名" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input maxLength={64} placeholder="字母、数字和 _ . @ -" />
          </Form.Item>
          <Form.Item name="displayName" label="管理员姓名或称谓" rules={[{ required: true, whitespace: true, message: '请填写' }]}>
            <Input maxLength={64} placeholder="如：机关党委 张老师" />
          </Form.Item>
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Form>
      )}
    </Modal>
  );
}
