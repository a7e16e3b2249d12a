import type { HTMLAttributes } from 'react';
import { Card, Table, Tag, Typography } from 'antd';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { childName } from '../org-names';
import type { StatsChildRow, StatsOverview } from '../api';
import { formatCount, percent } from '../labels';

/**
 * One row per child org with its subtree's figures; a click drills into it. Members the org holds itself
 * (a general branch may) are a last row, so the rows add up to the total.
 */
export function ChildrenTable({ overview, onOpen }: { overview: StatsOverview; onOpen: (id: string) => void }) {
  const { children, direct, members, org } = overview;
  return (
    <Card size="small" title={`下级党组织（${children.length}）`} data-testid="stats-children">
      <Table<StatsChildRow>
        size="small"
        rowKey="id"
        dataSource={children}
        pagination={children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': `child-${r.id}` }) as HTMLAttributes<HTMLTableRowElement>}
        locale={{ emptyText: '没有下级党组织' }}
        columns={[
          {
            title: '党组织',
            dataIndex: 'name',
            render: (name: string, r) => (
              <span title={name}>
                <Typography.Link>{childName(name, org.name)}</Typography.Link> <Tag className="xf-kind-tag">{orgKindLabels[r.kind]}</Tag>
              </span>
            ),
          },
          { title: '党员', dataIndex: 'total', align: 'right', width: 90, sorter: (a, b) => a.total - b.total, render: (v: number) => <span data-testid="child-total">{formatCount(v)}</span> },
          { title: '正式', dataIndex: 'full', align: 'right', width: 80, render: formatCount },
          { title: '预备', dataIndex: 'probationary', align: 'right', width: 80, render: formatCount },
          { title: '占比', key: 'share', align: 'right', width: 80, render: (_, r) => percent(r.total, members.total) },
          { title: <span title="本组织及下级党组织，含党小组">组织数</span>, dataIndex: 'orgs', align: 'right', width: 80, render: formatCount },
          { title: '党支部', dataIndex: 'branches', align: 'right', width: 80, render: formatCount },
        ]}
        summary={() =>
          direct.total > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text type="secondary">本级直属党员</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatCount(direct.total)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatCount(direct.full)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {formatCount(direct.probationary)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {percent(direct.total, members.total)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} colSpan={2} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
