import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listMyMeetings, myLifeKeys } from '../mobile-api';
import { MyMeetingCard } from '../components/mobile/MyMeetingCard';
import { addDays, beijingDay, isUpcoming } from '../components/mobile/meeting-format';
import '../life-mobile.css';

const PAST_PAGE = 10;
const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;
const loading = (
  <div style={{ textAlign: 'center', padding: 32, fontSize: 20 }}>
    正在加载<DotLoading />
  </div>
);

/**
 * 我的会议 (H5): meetings still ahead first, soonest on top (cancelled ones stay there, marked, so nobody
 * goes for nothing), then the ones held, newest first. A card opens the meeting: notice, leave, minutes.
 */
export function MyMeetingsPage() {
  const [now] = useState(() => new Date());
  const today = beijingDay(now);
  // From today on: a handful at most, one page is enough; today's meetings already over move to "held".
  const ahead = useQuery({
    queryKey: myLifeKeys.list({ part: 'from', from: today }),
    queryFn: () => listMyMeetings({ from: today, page: 1, pageSize: 100 }),
  });
  const past = useInfiniteQuery({
    queryKey: myLifeKeys.list({ part: 'to', to: addDays(today, -1) }),
    queryFn: ({ pageParam }) => listMyMeetings({ to: addDays(today, -1), page: pageParam, pageSize: PAST_PAGE }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

  const fromToday = ahead.data?.items ?? [];
  const upcoming = fromToday.filter((m) => isUpcoming(m, now) || (m.status === 'cancelled' && new Date(m.startsAt) > now)).reverse();
  const heldToday = fromToday.filter((m) => !upcoming.includes(m));
  const held = [...heldToday, ...(past.data?.pages.flatMap((p) => p.items) ?? [])];

  let upcomingBody: ReactNode;
  if (ahead.isPending) upcomingBody = loading;
  else if (ahead.isError) upcomingBody = <ErrorBlock status="default" title="会议暂时打不开" description={say(errorMessage(ahead.error))} />;
  else if (upcoming.length === 0) upcomingBody = <p className="xfm-empty">近期没有要参加的会议。有新的会议通知时会显示在这里。</p>;
  else upcomingBody = upcoming.map((m) => <MyMeetingCard key={m.id} m={m} now={now} />);

  let heldBody: ReactNode;
  if (past.isPending || ahead.isPending) heldBody = loading;
  else if (past.isError) heldBody = <ErrorBlock status="default" title="会议暂时打不开" description={say(errorMessage(past.error))} />;
  else if (held.length === 0) heldBody = <p className="xfm-empty">还没有参加过的会议。</p>;
  else
    heldBody = (
      <>
        {held.map((m) => (
          <MyMeetingCard key={m.id} m={m} now={now} held />
        ))}
        {past.hasNextPage && (
          <div className="xfm-more">
            <Button block size="large" loading={past.isFetchingNextPage} onClick={() => void past.fetchNextPage()} style={{ minHeight: 52, fontSize: 19 }}>
              加载更多
            </Button>
          </div>
        )}
      </>
    );

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        right={
          <Link to="/m/points" className="xfm-navbar-link" data-testid="link-points">
            我的积分
          </Link>
        }
      >
        我的会议
      </NavBar>
      <p className="xfm-lead">不能参加的会议，点开后可以请假。</p>
      <section aria-labelledby="xfm-upcoming" data-testid="upcoming-meetings">
        <h2 id="xfm-upcoming" className="xfm-section-title">
          要参加的会议
        </h2>
        {upcomingBody}
      </section>
      <section aria-labelledby="xfm-held" data-testid="held-meetings">
        <h2 id="xfm-held" className="xfm-section-title">
          已经开过的会议
        </h2>
        {heldBody}
      </section>
    </div>
  );
}
