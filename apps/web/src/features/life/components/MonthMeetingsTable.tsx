import { Link } from 'react-router';
import { Space, Table } from 'antd';
import type { MeetingListItem } from '../api';
import { LateEntryTag, MeetingStatusTag } from './MeetingTags';
import { meetingTimeRange } from './meeting-time';

/** The month's meetings as a list (the calendar's contents, readable at a glance and by a screen reader). */
export function MonthMeetingsTable({ meetings, loading }: { meetings: MeetingListItem[]; loading: boolean }) {
  const rows = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <Table<MeetingListItem>
      data-testid="month-meetings"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '本月还没有会议。点击“计划会议”安排一次。' }}
      columns={[
        { title: '时间', width: 190, render: (_, m) => meetingTimeRange(m.startsAt, m.endsAt) },
        {
          title: '会议名称',
          render: (_, m) => (
            <Space size={4} wrap>
              <Link to={`/admin/meetings/${m.id}`}>{m.title}</Link>
              {m.lateEntry && <LateEntryTag reason={m.lateEntryReason} full />}
            </Space>
          ),
        },
        { title: '类型', dataIndex: 'typeLabel', width: 130 },
        { title: '地点', dataIndex: 'place', width: 180, ellipsis: true },
        { title: '状态', dataIndex: 'status', width: 120, render: (_, m) => <MeetingStatusTag status={m.status} /> },
        { title: '应到 / 实到', width: 100, render: (_, m) => `${m.counts.expected} / ${m.counts.present + m.counts.online}` },
      ]}
    />
  );
}
