import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { roleLabels } from '@xianfeng/contracts/account/account.permissions';
import { errorMessage } from '@/lib/http';
import { useDebounced } from '@/lib/use-debounced';
import { hasPermission, useMe } from '../../auth/api';
import { accountKeys, listAccounts, type AccountView } from '../api';
import { kindLabels } from '../labels';
import { CreateAccountModal } from '../components/CreateAccountModal';
import { AccountDrawer } from '../components/AccountDrawer';

/** /admin/accounts — 账号管理: accounts within the caller's account.read scope. */
export function AccountListPage() {
  const me = useMe();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({ queryKey: accountKeys.list(q, page, pageSize), queryFn: () => listAccounts({ q, page, pageSize }), placeholderData: keepPreviousData });

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        账号管理
      </Typography.Title>
      <Card>
        <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
          <Input.Search
            allowClear
            aria-label="搜索账号"
            placeholder="按用户名或显示名称搜索"
            style={{ width: 320 }}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
          />
          {hasPermission(me.data, 'account.write') && hasPermission(me.data, 'account.grant') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建账号
            </Button>
          )}
        </Space>
        {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
        <Table<AccountView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          onRow={(a) => ({ onClick: () => setOpen(a.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 个账号`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '显示名称', dataIndex: 'displayName', render: (v: string | null) => v ?? '—' },
            { title: '类型', dataIndex: 'kind', render: (k: AccountView['kind']) => kindLabels[k] },
            {
              title: '授权',
              dataIndex: 'grants',
              render: (gs: AccountView['grants']) =>
                gs.length ? (
                  <Space size={[4, 4]} wrap>
                    {gs.map((g) => (
                      <Tag key={g.id}>
                        {roleLabels[g.role].zh} · {g.orgName}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">无</Typography.Text>
                ),
            },
            {
              title: '状态',
              key: 'state',
              width: 120,
              render: (_: unknown, a) => (a.disabled ? <Tag color="red">已停用</Tag> : a.locked ? <Tag color="orange">锁定中</Tag> : <Tag color="green">正常</Tag>),
            },
          ]}
        />
      </Card>
      <CreateAccountModal open={creating} onClose={() => setCreating(false)} />
      <AccountDrawer accountId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
