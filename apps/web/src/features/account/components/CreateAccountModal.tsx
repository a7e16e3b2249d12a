import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { roleLabels, type AccountKind, type Role } from '@xianfeng/contracts/account/account.permissions';
import { applyServerErrors } from '@/lib/form-errors';
import { errorMessage } from '@/lib/http';
import { useMe } from '../../auth/api';
import { accountKeys, createAccount, grantableRoles, type CreatedAccount } from '../api';
import { OrgPicker } from './OrgPicker';
import { TemporaryPassword } from './TemporaryPassword';
import { kindLabels } from '../labels';

interface Values {
  username: string;
  kind: AccountKind;
  displayName: string;
  memberId?: string;
  orgId: string;
  role: Role;
}
const fields = ['username', 'kind', 'displayName', 'memberId', 'orgId', 'role'] as const;

/** 新建账号: the account, its first grant, and a temporary password shown once. */
export function CreateAccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const queryClient = useQueryClient();
  const [topError, setTopError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => createAccount({ ...v, memberId: v.memberId?.trim() ? v.memberId.trim() : null }),
    onSuccess: (a) => {
      setCreated(a);
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
    onError: (err) => {
      const rest = applyServerErrors(form, err, fields);
      setTopError(rest.length ? rest.join('；') : form.getFieldsError().some((f) => f.errors.length) ? null : errorMessage(err));
    },
  });
  const close = () => {
    form.resetFields();
    setCreated(null);
    setTopError(null);
    onClose();
  };
  const roleOptions = grantableRoles(me.data).map((r) => ({ value: r, label: roleLabels[r].zh }));

  return (
    <Modal
      title={created ? '账号已创建' : '新建账号'}
      open={open}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            我已妥善保存，关闭
          </Button>
        ) : (
          <>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              创建
            </Button>
          </>
        )
      }
    >
      {created ? (
        <TemporaryPassword username={created.username} password={created.temporaryPassword} />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ kind: 'staff' }} onFinish={(v) => { setTopError(null); save.mutate(v); }}>
          {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 12 }} />}
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: '3–64 位字母、数字或 _ . @ -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="显示名称" rules={[{ required: true, message: '请输入显示名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="账号类型" rules={[{ required: true }]}>
            <Select options={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="orgId" label="授权党组织" rules={[{ required: true, message: '请选择党组织' }]}>
            <OrgPicker />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]} extra="只列出您可能授予的角色；是否可在该组织授予由服务器按逐级授权规则判定。">
            <Select options={roleOptions} placeholder="选择角色" />
          </Form.Item>
          <Form.Item name="memberId" label="关联党员（可选，党员 ID）" extra="党员账号关联本人档案；须在您的管辖范围内，且尚未关联其他账号。">
            <Input placeholder="党员 ID（UUID）" autoComplete="off" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
