import { Alert, Card, Space, Typography } from 'antd';
import { formatInstant } from '@/lib/dates';
import type { MeetingView, MinutesView } from '../api';
import { MinutesForm } from './MinutesForm';
import { MinutesRecord } from './MinutesRecord';

/**
 * 会议记录: a form while the record can still change (by the branch, after the meeting started), the
 * record as a document once approved or for readers; the quorum check, the upper level's return comment
 * and every change made with a reason are shown with it.
 */
export function MinutesCard({ meeting, minutes, canWrite }: { meeting: MeetingView; minutes: MinutesView | null | undefined; canWrite: boolean }) {
  const status = meeting.status;
  // This browser's clock may differ from the server's: a late entry or a meeting under way has started
  // whatever the browser thinks, and the server refuses minutes written too early.
  const started = status !== 'planned' || meeting.lateEntry || new Date(meeting.startsAt).getTime() <= Date.now();
  const locked = status === 'approved' || status === 'cancelled';
  const editable = canWrite && started && !locked;
  return (
    <Card title="会议记录" id="minutes">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {!started && <Alert type="info" showIcon title="会议开始后才能填写会议记录" />}
        {status === 'returned' && minutes?.review && (
          <Alert type="error" showIcon title={`上级退回：${minutes.review.comment ?? ''}`} description={`${minutes.review.by} · 修改记录时请写明修改原因，保存后记录人和主持人重新确认。`} />
        )}
        {status === 'approved' && <Alert type="success" showIcon title="记录已审核通过并锁定，不能再修改。发现错误请在下方“更正”中追加更正。" />}
        {minutes?.quorum && (
          <Alert
            type={minutes.quorum.met ? 'success' : 'warning'}
            showIcon
            data-testid="quorum"
            title={`法定人数：应到 ${minutes.quorum.shouldAttend} 人，实到 ${minutes.quorum.present} 人，${minutes.quorum.met ? '符合规定' : '未达到规定'}`}
            description={`依据：${minutes.quorum.rule}`}
          />
        )}
        {editable ? (
          <MinutesForm meeting={meeting} minutes={minutes} />
        ) : minutes ? (
          <MinutesRecord meeting={meeting} minutes={minutes} />
        ) : (
          started && <Typography.Text type="secondary">尚未填写会议记录。</Typography.Text>
        )}
        {minutes && minutes.corrections.length > 0 && (
          <div data-testid="minutes-corrections">
            <Typography.Text strong>修改记录</Typography.Text>
            {minutes.corrections.map((c, i) => (
              <Typography.Paragraph key={i} type="secondary" style={{ margin: '4px 0 0' }}>
                {formatInstant(c.at)} {c.by}：{c.reason}
              </Typography.Paragraph>
            ))}
          </div>
        )}
      </Space>
    </Card>
  );
}
