import { Link } from 'react-router';
import { Table } from 'antd';
import type { OrgView } from '@xianfeng/contracts/org/org.schemas';
import { leaderPositionLabels } from '@xianfeng/contracts/org/org.enums';

type Leader = OrgView['leadership'][number];

/** 班子: the current leadership with Chinese position names. */
export function LeadershipTable({ leaders }: { leaders: Leader[] }) {
  return (
    <Table<Leader>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={leaders}
      locale={{ emptyText: '尚未登记班子成员' }}
      columns={[
        { title: '职务', dataIndex: 'position', width: 140, render: (p: Leader['position']) => leaderPositionLabels[p] },
        {
          title: '姓名',
          dataIndex: 'name',
          render: (name: string, l) => (l.memberId ? <Link to={`/admin/members/${l.memberId}`}>{name}</Link> : name),
        },
        { title: '任职日期', dataIndex: 'startedOn', width: 140 },
      ]}
    />
  );
}
