import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Space, Statistic, Typography } from 'antd';
import { QrcodeOutlined, UserAddOutlined } from '@ant-design/icons';
import type { MeetingView } from '../api';
import { ManualCheckInModal } from './ManualCheckInModal';

/** 签到: the venue screen with its changing QR code, and marking by hand for those who cannot scan. */
export function CheckInCard({ meeting, canWrite }: { meeting: MeetingView; canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  const live = meeting.status === 'planned' || meeting.status === 'in_progress';
  const c = meeting.counts;
  return (
    <Card title="签到" id="check-in">
      <Space size={32} wrap align="center">
        <Statistic title="已签到 / 应到" value={c.present + c.online} suffix={`/ ${c.expected}`} />
        <Statistic title="其中线上" value={c.online} />
        <Statistic title="请假" value={c.leave} />
        {live && canWrite ? (
          <Space wrap>
            <Link to={`/admin/meetings/${meeting.id}/venue`}>
              <Button type="primary" size="large" icon={<QrcodeOutlined />}>
                打开会场签到屏
              </Button>
            </Link>
            <Button size="large" icon={<UserAddOutlined />} onClick={() => setOpen(true)}>
              手工签到
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{live ? '' : '签到已结束；出勤以会议记录为准。'}</Typography.Text>
        )}
      </Space>
      {live && (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
          会场屏幕上的二维码每 30 秒更换，只能在签到时间内使用。没有智能手机或忘带手机的党员，请用“手工签到”登记并写明原因。
        </Typography.Paragraph>
      )}
      <ManualCheckInModal meetingId={meeting.id} attendees={meeting.attendees} memberId={null} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
