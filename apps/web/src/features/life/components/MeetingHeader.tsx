import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Tag, Typography } from 'antd';
import { QrcodeOutlined, StopOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import { cancelMeeting, type MeetingView, type MinutesView } from '../api';
import { LateEntryTag, MeetingStatusTag } from './MeetingTags';
import { MeetingSteps } from './MeetingSteps';
import { meetingTimeRange } from './meeting-time';
import { useMeetingAction } from './use-meeting-action';

/** The meeting at a glance: what, when, where, its status and 补录 mark, the lifecycle, and 取消会议. */
export function MeetingHeader({ meeting, minutes, canWrite }: { meeting: MeetingView; minutes: MinutesView | null | undefined; canWrite: boolean }) {
  const { busy, run } = useMeetingAction(meeting.id);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const live = meeting.status === 'planned' || meeting.status === 'in_progress';

  const submitCancel = async () => {
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    if (await run('cancel', () => cancelMeeting(meeting.id, reason.trim()), '会议已取消')) setCancelling(false);
  };

  return (
    <Card>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Space orientation="vertical" size={4}>
            <Space wrap size={8}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="meeting-title">
                {meeting.title}
              </Typography.Title>
              <Tag>{meeting.typeLabel}</Tag>
              <MeetingStatusTag status={meeting.status} />
              {meeting.lateEntry && <LateEntryTag reason={meeting.lateEntryReason} />}
            </Space>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'org', label: '党组织', children: meeting.orgName },
                { key: 'time', label: '时间', children: meetingTimeRange(meeting.startsAt, meeting.endsAt) },
                { key: 'place', label: '地点', children: meeting.place },
              ]}
            />
          </Space>
          {canWrite && (
            <Space wrap align="start">
              {live && (
                <Link to={`/admin/meetings/${meeting.id}/venue`}>
                  <Button icon={<QrcodeOutlined />} size="large">
                    会场签到屏
                  </Button>
                </Link>
              )}
              {meeting.status === 'planned' && (
                <Button danger size="large" icon={<StopOutlined />} onClick={() => (setReason(''), setReasonError(false), setCancelling(true))}>
                  取消会议
                </Button>
              )}
            </Space>
          )}
        </div>
        {meeting.lateEntry && (
          <Alert
            type="error"
            showIcon
            data-testid="late-entry-alert"
            title="补录：这次会议是在开始之后才登记的"
            description={`补录原因：${meeting.lateEntryReason ?? '（未填写）'} · 登记于 ${formatInstant(meeting.createdAt)}`}
          />
        )}
        {meeting.status === 'cancelled' ? (
          <Alert type="warning" showIcon title="会议已取消" description={`取消原因：${meeting.cancelledReason ?? '—'}`} />
        ) : (
          <MeetingSteps status={meeting.status} started={meeting.lateEntry || new Date(meeting.startsAt).getTime() <= Date.now()} minutes={minutes} />
        )}
      </Space>
      <Modal
        open={cancelling}
        title="取消这次会议"
        okText="确认取消"
        okButtonProps={{ danger: true }}
        cancelText="返回"
        confirmLoading={busy === 'cancel'}
        onOk={() => void submitCancel()}
        onCancel={() => setCancelling(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>取消后会议不计入组织生活，记录保留；应到党员会收到取消通知。</Typography.Paragraph>
        <Typography.Text>取消原因（必填）</Typography.Text>
        <Input.TextArea
          aria-label="取消原因"
          rows={3}
          maxLength={200}
          value={reason}
          status={reasonError ? 'error' : undefined}
          onChange={(e) => (setReason(e.target.value), setReasonError(false))}
          style={{ marginTop: 6 }}
        />
        {reasonError && <Typography.Text type="danger">请填写取消原因</Typography.Text>}
      </Modal>
    </Card>
  );
}
