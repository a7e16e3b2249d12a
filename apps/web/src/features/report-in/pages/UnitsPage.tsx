import { useState } from 'react';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { listUnits, reportInKeys, type UnitView } from '../api';
import { UnitFormModal } from '../components/UnitFormModal';

/** /admin/report-in/units — 报到单位: the work units registering their in-service members, and their admin accounts. */
export function UnitsPage() {
  const queryClient = useQueryClient();
  const canCreate = hasPermission(useMe().data, 'account.write');
  const [editing, setEditing] = useState<UnitView | 'new' | null>(null);
  const list = useQuery({ queryKey: reportInKeys.units, queryFn: listUnits });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          报到单位
        </Typography.Title>
        {canCreate && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="unit-new">
            登记报到单位
          </Button>
        )}
      </Space>
      <Typography.Text type="secondary">单位管理员账号只能登记、查看本单位的报到党员；人数为报到到您管辖社区的人数。</Typography.Text>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      <Table<UnitView>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (c: string | null) => c ?? '—' },
          { title: '单位党组织', dataIndex: 'orgName', ellipsis: true, render: (n: string | null) => n ?? '—' },
          { title: '管理员', key: 'admins', render: (_: unknown, u) => u.admins.map((a) => a.username).join('、') || '—' },
          { title: '报到 / 已确认 / 待确认', key: 'fig', width: 170, render: (_: unknown, u) => `${u.figures.registered} / ${u.figures.confirmed} / ${u.figures.pending}` },
          ...(canCreate
            ? [
                {
                  title: '操作',
                  key: 'act',
                  width: 110,
                  render: (_: unknown, u: UnitView) => (
                    <Button type="link" size="small" onClick={() => setEditing(u)}>
                      增加管理员
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <UnitFormModal
        open={editing !== null}
        unit={editing === 'new' ? null : editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) void queryClient.invalidateQueries({ queryKey: reportInKeys.all });
        }}
      />
    </div>
  );
}
