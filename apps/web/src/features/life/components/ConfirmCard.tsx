import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import { confirmMinutes, type MeetingView, type MinutesView } from '../api';
import { useMeetingAction } from './use-meeting-action';

const signed = (at: string | null) => (at ? <Tag color="green">已确认 {formatInstant(at)}</Tag> : <Tag color="orange">待确认</Tag>);

/**
 * 确认: the recorder and the host each confirm the record from their own account. The buttons appear only
 * for the account whose member is the recorder or the host.
 */
export function ConfirmCard({ meeting, minutes, myMemberId }: { meeting: MeetingView; minutes: MinutesView | null | undefined; myMemberId: string | null }) {
  const { busy, run } = useMeetingAction(meeting.id);
  if (!minutes) {
    return (
      <Card title="确认" id="confirm">
        <Typography.Text type="secondary">会议记录保存后，由记录人和主持人分别登录确认。</Typography.Text>
      </Card>
    );
  }
  const name = (id: string) => meeting.attendees.find((a) => a.memberId === id)?.name ?? '—';
  const open = meeting.status === 'minutes_draft';
  const asRecorder = open && myMemberId === minutes.recorderMemberId && !minutes.confirmedByRecorderAt;
  const asHost = open && myMemberId === minutes.hostMemberId && !minutes.confirmedByHostAt;
  const confirm = (key: string) => run(key, () => confirmMinutes(meeting.id), '已确认会议记录');
  return (
    <Card title="确认" id="confirm">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'r', label: `记录人 ${name(minutes.recorderMemberId)}`, children: signed(minutes.confirmedByRecorderAt) },
            { key: 'h', label: `主持人 ${name(minutes.hostMemberId)}`, children: signed(minutes.confirmedByHostAt) },
          ]}
        />
        {minutes.sameHostAndRecorder && (
          <Alert type="info" showIcon title="主持人和记录人是同一人（支部未设委员会时由书记兼任），记录中注明，确认一次即可。" />
        )}
        {(asRecorder || asHost) && (
          <Space wrap>
            {asRecorder && (
              <Button type="primary" size="large" icon={<CheckOutlined />} loading={busy === 'recorder'} onClick={() => void confirm('recorder')}>
                记录人确认
              </Button>
            )}
            {asHost && (
              <Button type="primary" size="large" icon={<CheckOutlined />} loading={busy === 'host'} onClick={() => void confirm('host')}>
                主持人确认
              </Button>
            )}
          </Space>
        )}
        {open && !asRecorder && !asHost && (!minutes.confirmedByRecorderAt || !minutes.confirmedByHostAt) && (
          <Typography.Text type="secondary">请记录人、主持人用本人账号登录后在这里确认。</Typography.Text>
        )}
        {meeting.status === 'confirmed' && <Typography.Text>记录人和主持人都已确认，等待上级党组织审核。</Typography.Text>}
      </Space>
    </Card>
  );
}
