import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Button, Result, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { getMeeting, getMinutes, lifeKeys } from '../api';
import { AttachmentsCard } from '../components/AttachmentsCard';
import { AttendeesCard } from '../components/AttendeesCard';
import { CheckInCard } from '../components/CheckInCard';
import { ConfirmCard } from '../components/ConfirmCard';
import { CorrectionsCard } from '../components/CorrectionsCard';
import { LeaveCard } from '../components/LeaveCard';
import { MeetingHeader } from '../components/MeetingHeader';
import { MinutesCard } from '../components/MinutesCard';
import { ReviewCard } from '../components/ReviewCard';
import { beijingDay } from '../components/meeting-time';

const pair = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 16, alignItems: 'start' } as const;

/**
 * /admin/meetings/:id — one meeting from plan to approved record: the lifecycle on top, then a section per
 * step (notice and expected members, leave, check-in, minutes, confirmation, review, attachments,
 * corrections). Each section offers only what the caller may do at this status.
 */
export function MeetingPage() {
  const id = useParams().id!;
  const me = useMe();
  const meeting = useQuery({ queryKey: lifeKeys.meeting(id), queryFn: () => getMeeting(id) });
  const minutes = useQuery({ queryKey: lifeKeys.minutes(id), queryFn: () => getMinutes(id), enabled: meeting.isSuccess });

  if (meeting.isPending) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.status === 404) {
      return <Result status="404" title="没有找到这次会议" subTitle="会议不存在，或不在您的管理范围内。" extra={<Link to="/admin/life"><Button type="primary">返回组织生活</Button></Link>} />;
    }
    return <Alert type="error" showIcon title="无法加载会议" description={errorMessage(meeting.error)} />;
  }
  const m = meeting.data;
  const canWrite = hasPermission(me.data, 'life.write');
  // The upper level reviews: life.review held above the branch (the server checks it for good).
  const canReview = hasPermission(me.data, 'life.review') && !me.data?.grants.some((g) => g.orgId === m.orgId);
  const mins = minutes.data;

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Breadcrumb
        items={[
          { title: <Link to={`/admin/life?org=${m.orgId}&month=${beijingDay(m.startsAt).slice(0, 7)}`}>组织生活</Link> },
          { title: m.orgName },
          { title: m.title },
        ]}
      />
      <MeetingHeader meeting={m} minutes={mins} canWrite={canWrite} />
      {minutes.isError && <Alert type="error" showIcon title="无法加载会议记录" description={errorMessage(minutes.error)} />}
      <AttendeesCard meeting={m} canWrite={canWrite} />
      <div style={pair}>
        <CheckInCard meeting={m} canWrite={canWrite} />
        <LeaveCard meeting={m} canWrite={canWrite} />
      </div>
      {m.status !== 'cancelled' && <MinutesCard meeting={m} minutes={mins} canWrite={canWrite} />}
      {m.status !== 'cancelled' && (
        <div style={pair}>
          <ConfirmCard meeting={m} minutes={mins} myMemberId={me.data?.memberId ?? null} />
          <ReviewCard meeting={m} minutes={mins} canReview={canReview} />
        </div>
      )}
      <div style={pair}>
        <AttachmentsCard meeting={m} canWrite={canWrite} />
        {m.status !== 'cancelled' && <CorrectionsCard meeting={m} canWrite={canWrite} />}
      </div>
    </div>
  );
}
