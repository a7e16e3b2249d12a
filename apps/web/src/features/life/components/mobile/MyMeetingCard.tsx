import { Link } from 'react-router';
import { ClockCircleOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import type { MyMeeting } from '../../mobile-api';
import { dayWord, meetingWhen, myStatus } from './meeting-format';

/** One meeting in 我的会议: the whole card is the link to its page; the member's own status on the right; held ones quieter. */
export function MyMeetingCard({ m, now, held = false }: { m: MyMeeting; now: Date; held?: boolean }) {
  const status = myStatus(m, now);
  const word = dayWord(m.startsAt, now);
  const cancelled = m.status === 'cancelled';
  return (
    <Link to={`/m/meetings/${m.id}`} className={['xfm-meeting', cancelled && 'cancelled', held && 'held'].filter(Boolean).join(' ')} data-testid="my-meeting" data-status={status.text}>
      <span className="xfm-meeting-head">
        <span className="xfm-type">{m.typeLabel}</span>
        {m.lateEntry && <span className="xfm-late">补录</span>}
        <span className={`xfm-status ${status.tone}`}>{status.text}</span>
      </span>
      <span className="xfm-meeting-title">{m.title}</span>
      <span className="xfm-meeting-line">
        <ClockCircleOutlined aria-hidden className="xfm-line-icon" />
        <span>
          {word && <strong className="xfm-dayword">{word}</strong>}
          {meetingWhen(m.startsAt, now)}
        </span>
      </span>
      <span className="xfm-meeting-line">
        <EnvironmentOutlined aria-hidden className="xfm-line-icon" />
        <span>{m.place}</span>
      </span>
      <span className="xfm-meeting-go">
        查看详情 <RightOutlined aria-hidden />
      </span>
    </Link>
  );
}
