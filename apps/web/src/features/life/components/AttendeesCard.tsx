import { useState } from 'react';
import { Button, Card, Form, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { UsergroupAddOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import { addAttendees, removeAttendee, type MeetingAttendee, type MeetingView } from '../api';
import { ManualCheckInModal } from './ManualCheckInModal';
import { MemberSelect } from './MemberSelect';
import { attendanceLabels, useMeetingAction } from './use-meeting-action';

/**
 * 通知与应到: who is on the list (expected or not, and why not), how each attended and how that was
 * recorded. Before the meeting members can be added (a leader from above, a 双报到 member) or removed
 * (listed by mistake).
 */
export function AttendeesCard({ meeting, canWrite }: { meeting: MeetingView; canWrite: boolean }) {
  const { busy, run } = useMeetingAction(meeting.id);
  const [adding, setAdding] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [checkInFor, setCheckInFor] = useState<string | null>(null);
  const canAdd = canWrite && (meeting.status === 'planned' || meeting.status === 'in_progress');
  const canRemove = canWrite && meeting.status === 'planned';
  const expected = meeting.attendees.filter((a) => a.expected).length;

  return (
    <Card
      title="通知与应到"
      id="attendees"
      extra={
        canAdd && (
          <Button icon={<UsergroupAddOutlined />} onClick={() => (setPicked([]), setAdding(true))}>
            增加参会人员
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        名单共 {meeting.attendees.length} 人，应到 {expected} 人。{meeting.lateEntry ? '补录的会议不发会议通知。' : '计划会议时已向名单中的党员发送会议通知。'}
        不计入应到的党员（出国出境、长期病休、外出流动等）请在会议记录中写明原因。
      </Typography.Paragraph>
      <Table<MeetingAttendee>
        data-testid="attendees"
        rowKey="memberId"
        size="small"
        dataSource={meeting.attendees}
        pagination={false}
        scroll={meeting.attendees.length > 12 ? { y: 460 } : undefined}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          {
            title: '应到',
            width: 220,
            render: (_, a) => (a.expected ? '是' : <Typography.Text type="secondary">不计入：{a.notExpectedReason ?? '—'}</Typography.Text>),
          },
          {
            title: '出勤',
            width: 100,
            render: (_, a) => (a.attendance ? <Tag color={attendanceLabels[a.attendance].color}>{attendanceLabels[a.attendance].text}</Tag> : <Tag>未签到</Tag>),
          },
          { title: '签到时间', width: 170, render: (_, a) => (a.checkedInAt ? formatInstant(a.checkedInAt) : '—') },
          {
            title: '方式',
            render: (_, a) => (a.method === 'qr' ? '扫码签到' : a.method === 'manual' ? `手工登记${a.manualReason ? `：${a.manualReason}` : ''}` : '—'),
          },
          ...(canAdd || canRemove
            ? [
                {
                  title: '操作',
                  width: 130,
                  render: (_: unknown, a: MeetingAttendee) => (
                    <Space size={4}>
                      {canAdd && !a.checkedInAt && a.attendance !== 'leave' && (
                        <Button size="small" type="link" onClick={() => setCheckInFor(a.memberId)}>
                          补签
                        </Button>
                      )}
                      {canRemove && !a.attendance && (
                        <Popconfirm
                          title={`把 ${a.name} 移出名单？`}
                          okText="移除"
                          cancelText="返回"
                          onConfirm={() => run(`remove-${a.memberId}`, () => removeAttendee(meeting.id, a.memberId), '已移出名单')}
                        >
                          <Button size="small" type="link" danger loading={busy === `remove-${a.memberId}`}>
                            移除
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={adding}
        title="增加参会人员"
        okText="确定"
        cancelText="返回"
        okButtonProps={{ disabled: picked.length === 0 }}
        confirmLoading={busy === 'add'}
        onCancel={() => setAdding(false)}
        onOk={() =>
          void run('add', () => addAttendees(meeting.id, picked), `已增加 ${picked.length} 人`).then((ok) => {
            if (ok) setAdding(false);
          })
        }
        destroyOnHidden
      >
        <Form layout="vertical" size="large">
          <Form.Item label="党员（可多选，可查找管辖范围内的党员，如上级领导、双报到党员）">
            <MemberSelect ariaLabel="增加的党员" multiple value={picked} onChange={(v) => setPicked(v as string[])} exclude={meeting.attendees.map((a) => a.memberId)} />
          </Form.Item>
        </Form>
        {meeting.startsAt > new Date().toISOString() && <Typography.Text type="secondary">增加的党员会收到会议通知。</Typography.Text>}
      </Modal>
      <ManualCheckInModal meetingId={meeting.id} attendees={meeting.attendees} memberId={checkInFor} open={!!checkInFor} onClose={() => setCheckInFor(null)} />
    </Card>
  );
}
