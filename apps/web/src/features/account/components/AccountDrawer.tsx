import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roleLabels, type Role } from '@xianfeng/contracts/account/account.permissions';
import { errorMessage } from '@/lib/http';
import { useMe } from '../../auth/api';
import { accountKeys, getAccount, grantableRoles, grantRole, lockAccount, resetPassword, revokeGrant, unlockAccount, type AccountView } from '../api';
import { kindLabels } from '../labels';
import { OrgPicker } from './OrgPicker';
import { TemporaryPassword } from './TemporaryPassword';

/** Account detail: grants (grant / revoke), reset password, lock / unlock. */
export function AccountDrawer({ accountId, onClose }: { accountId: string | null; onClose: () => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [reset, setReset] = useState<string | null>(null);
  const [grantForm] = Form.useForm<{ orgId: string; role: Role }>();
  const account = useQuery({ queryKey: accountKeys.one(accountId ?? ''), queryFn: () => getAccount(accountId!), enabled: !!accountId });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: accountKeys.all });
  const onError = (err: unknown) => void message.error(errorMessage(err));
  const canWrite = !!me.data?.permissions.includes('account.write');
  const canGrant = !!me.data?.permissions.includes('account.grant');
  const self = account.data?.id === me.data?.accountId;

  const resetM = useMutation({ mutationFn: () => resetPassword(accountId!), onSuccess: (r) => { setReset(r.temporaryPassword); refresh(); }, onError });
  const lockM = useMutation({ mutationFn: (lock: boolean) => (lock ? lockAccount(accountId!) : unlockAccount(accountId!)), onSuccess: (_r, lock) => { void message.success(lock ? '账号已停用，其登录会话已注销' : '账号已启用'); refresh(); }, onError });
  const grantM = useMutation({
    mutationFn: (v: { orgId: string; role: Role }) => grantRole({ accountId: accountId!, ...v }),
    onSuccess: () => { void message.success('已授权'); grantForm.resetFields(); refresh(); },
    onError,
  });
  const revokeM = useMutation({ mutationFn: (id: string) => revokeGrant(id), onSuccess: () => { void message.success('已撤销授权'); refresh(); }, onError });

  const a: AccountView | undefined = account.data;
  return (
    <Drawer title={a ? `账号：${a.username}` : '账号'} open={!!accountId} onClose={onClose} size="large" destroyOnHidden>
      {account.isError && <Alert type="error" showIcon message={errorMessage(account.error)} />}
      {a && (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label="用户名">{a.username}</Descriptions.Item>
            <Descriptions.Item label="显示名称">{a.displayName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="账号类型">{kindLabels[a.kind]}</Descriptions.Item>
            <Descriptions.Item label="状态">
              {a.disabled ? <Tag color="red">已停用</Tag> : a.locked ? <Tag color="orange">登录失败锁定中</Tag> : <Tag color="green">正常</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="关联党员" span={2}>
              {a.memberId ? <Typography.Text copyable>{a.memberId}</Typography.Text> : '—'}
            </Descriptions.Item>
          </Descriptions>
          {canWrite && !self && (
            <Space wrap>
              <Popconfirm title="重置该账号的密码？" description="将生成新的临时密码，并注销其现有登录会话。" onConfirm={() => resetM.mutate()}>
                <Button loading={resetM.isPending}>重置密码</Button>
              </Popconfirm>
              {a.disabled || a.locked ? (
                <Button loading={lockM.isPending} onClick={() => lockM.mutate(false)}>
                  启用 / 解锁
                </Button>
              ) : (
                <Popconfirm title="停用该账号？" description="停用后立即注销其所有登录会话，且无法登录。" onConfirm={() => lockM.mutate(true)}>
                  <Button danger loading={lockM.isPending}>
                    停用
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )}
          {self && <Alert type="info" showIcon message="这是您本人的账号：不能对自己授权、重置密码或停用。" />}
          <div>
            <Typography.Title level={5}>授权</Typography.Title>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={a.grants}
              locale={{ emptyText: '暂无授权' }}
              columns={[
                { title: '角色', dataIndex: 'role', render: (r: Role) => roleLabels[r].zh },
                { title: '党组织', dataIndex: 'orgName' },
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, g: AccountView['grants'][number]) =>
                    canGrant && !self ? (
                      <Popconfirm title={`撤销“${roleLabels[g.role].zh}”授权？`} onConfirm={() => revokeM.mutate(g.id)}>
                        <Button type="link" danger size="small">
                          撤销
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          </div>
          {canGrant && !self && (
            <Form form={grantForm} layout="inline" onFinish={(v) => grantM.mutate(v)} style={{ rowGap: 8 }}>
              <Form.Item name="role" rules={[{ required: true, message: '请选择角色' }]}>
                <Select style={{ width: 160 }} placeholder="角色" options={grantableRoles(me.data).map((r) => ({ value: r, label: roleLabels[r].zh }))} />
              </Form.Item>
              <Form.Item name="orgId" rules={[{ required: true, message: '请选择党组织' }]} style={{ minWidth: 280 }}>
                <OrgPicker />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={grantM.isPending}>
                授予
              </Button>
            </Form>
          )}
        </Space>
      )}
      <Modal title="密码已重置" open={!!reset} onCancel={() => setReset(null)} footer={<Button type="primary" onClick={() => setReset(null)}>我已妥善保存，关闭</Button>} maskClosable={false}>
        {reset && a && <TemporaryPassword username={a.username} password={reset} />}
      </Modal>
    </Drawer>
  );
}
