import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { ClockCircleOutlined, LeftOutlined, EnvironmentOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { useMe } from '../../auth/api';
import { getMeetingMinutes, getMyMeeting, myLifeKeys, type MeetingDetail } from '../mobile-api';
import { dayWord, isUpcoming, meetingSpan, myStatus, shortInstant } from '../components/mobile/meeting-format';
import { LeaveRequestBox } from '../components/mobile/LeaveRequestBox';
import { OnlineAttendBox } from '../components/mobile/OnlineAttendBox';
import { MinutesToRead } from '../components/mobile/MinutesToRead';
import { MeetingCorrections, MeetingFiles } from '../components/mobile/MeetingPapers';
import '../life-mobile.css';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

/** Whether the minutes are ready for members: confirmed by host and recorder (and perhaps approved above). */
const minutesReadable = (m: MeetingDetail) => m.status === 'confirmed' || m.status === 'approved';

/**
 * 会议详情 (H5): the notice (when, where, which branch), the member's own standing with 我要请假 and the
 * check-in hint, then — after the meeting — the minutes to read, the files and any corrections.
 */
export function MyMeetingPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [now] = useState(() => new Date());
  const me = useMe();
  const meeting = useQuery({ queryKey: myLifeKeys.meeting(id), queryFn: () => getMyMeeting(id), enabled: !!id });
  const m = meeting.data;
  const minutes = useQuery({ queryKey: myLifeKeys.minutes(id), queryFn: () => getMeetingMinutes(id), enabled: !!m && minutesReadable(m) });

  let body: ReactNode;
  if (meeting.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (meeting.isError) {
    body = <ErrorBlock status="default" title="会议打不开" description={say(errorMessage(meeting.error))} />;
  } else if (m) {
    const memberId = me.data?.memberId ?? null;
    const mine = m.attendees.find((a) => a.memberId === memberId);
    const leave = m.leaveRequests.find((l) => l.memberId === memberId);
    const status = myStatus({ status: m.status, endsAt: m.endsAt, myExpected: mine?.expected ?? true, myAttendance: mine?.attendance ?? null, myLeaveStatus: leave?.status ?? null }, now);
    const open = isUpcoming(m, now);
    const word = dayWord(m.startsAt, now);
    let minutesBody: ReactNode = null;
    if (minutesReadable(m)) {
      if (minutes.isPending) minutesBody = <DotLoading />;
      else if (minutes.isError) minutesBody = <div className="xfm-error">{errorMessage(minutes.error)}</div>;
      else if (minutes.data) minutesBody = <MinutesToRead minutes={minutes.data} meeting={m} now={now} />;
    } else if (m.status === 'minutes_draft' || m.status === 'returned' || (m.status === 'in_progress' && !open)) {
      minutesBody = <p className="xfm-muted">会议记录正在整理，主持人和记录人确认后就可以在这里阅读。</p>;
    }

    body = (
      <>
        <section className="xfm-block" data-testid="meeting-notice">
          <div className="xfm-meeting-head">
            <span className="xfm-type">{m.typeLabel}</span>
            {m.lateEntry && <span className="xfm-late">补录</span>}
          </div>
          <h1 className="xfm-detail-title">{m.title}</h1>
          {m.status === 'cancelled' && (
            <div className="xfm-review bad" role="status">
              会议已取消{m.cancelledReason ? `：${m.cancelledReason}` : '。'}
            </div>
          )}
          <p className="xfm-meeting-line">
            <ClockCircleOutlined aria-hidden className="xfm-line-icon" />
            <span>
              {word && <strong className="xfm-dayword">{word}</strong>}
              {meetingSpan(m.startsAt, m.endsAt, now)}
            </span>
          </p>
          <p className="xfm-meeting-line">
            <EnvironmentOutlined aria-hidden className="xfm-line-icon" />
            <span>{m.place}</span>
          </p>
          <p className="xfm-meeting-line">
            <TeamOutlined aria-hidden className="xfm-line-icon" />
            <span>{m.orgName}</span>
          </p>
          {m.lateEntry && <p className="xfm-muted">这次会议是会后补登记的{m.lateEntryReason ? `，原因：${m.lateEntryReason}` : '。'}</p>}
        </section>

        {m.status !== 'cancelled' && mine && (
          <section className="xfm-block" aria-labelledby="xfm-mine" data-testid="my-part">
            <h2 id="xfm-mine" className="xfm-block-title">
              我的情况
            </h2>
            {!leave && (
              <div className={`xfm-status big ${status.tone}`} data-testid="my-status">
                {status.text}
              </div>
            )}
            {mine.attendance === 'present' && mine.checkedInAt && (
              <p className="xfm-muted">{mine.method === 'qr' ? `扫码签到时间：${shortInstant(mine.checkedInAt, now)}` : '由支部登记签到。'}</p>
            )}
            {!mine.expected && mine.notExpectedReason && <p className="xfm-muted">原因：{mine.notExpectedReason}</p>}
            {mine.attendance === 'absent' && <p className="xfm-muted">如果记错了，请联系支部书记或组织委员更正。</p>}
            <LeaveRequestBox meeting={m} mine={mine} leave={leave} now={now} />
            {open && mine.attendance === null && (!leave || leave.status === 'refused') && (
              <p className="xfm-hint" data-testid="check-in-hint">
                <QrcodeOutlined aria-hidden className="xfm-hint-icon" />
                <span>到了会场签到：请用手机相机扫描会场屏幕上的二维码。</span>
              </p>
            )}
            {open && m.onlineUrl && mine.attendance === null && (!leave || leave.status === 'refused') && <OnlineAttendBox meeting={m} />}
          </section>
        )}

        {minutesBody && (
          <section className="xfm-block" aria-labelledby="xfm-minutes">
            <h2 id="xfm-minutes" className="xfm-block-title">
              会议记录
            </h2>
            {minutesBody}
          </section>
        )}
        <MeetingFiles meeting={m} />
        <MeetingCorrections meeting={m} now={now} />
      </>
    );
  }

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" className="xfm-back" onClick={() => void navigate('/m/meetings')}>
            <LeftOutlined aria-hidden /> 返回
          </button>
        }
      >
        会议详情
      </NavBar>
      {body}
    </div>
  );
}
