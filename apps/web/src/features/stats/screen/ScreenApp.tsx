import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { getOrgTree, orgKeys } from '@/features/org/api';
import { ApiError, errorMessage, setUnauthorizedHandler } from '@/lib/http';
import { queryClient } from '@/lib/query-client';
import { useStatsOverview } from '../api';
import { useStatsSocket } from '../use-stats-socket';
import { ScreenBoard } from './ScreenBoard';
import './screen.css';

const STAGE_W = 1920;
const STAGE_H = 1080;

/** The 1920×1080 stage scaled to whatever the hall's display is, letterboxed. */
function useStageScale(): number {
  const fit = () => Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const onResize = () => setScale(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function Message({ title, detail }: { title: string; detail?: string }) {
  return (
    <div className="xf-screen-message" role="status">
      <div>{title}</div>
      {detail && <small>{detail}</small>}
    </div>
  );
}

/**
 * 大屏 /screen?orgId= — a district or street hall's display: dark, large numerals, no admin chrome, live over
 * the stats WebSocket (polling every 30 s while it is down). Without `orgId` it shows the caller's first
 * covered organisation. A 401 goes to the admin login, which returns here.
 */
export default function ScreenApp() {
  const [params] = useSearchParams();
  const requested = params.get('orgId');
  const scale = useStageScale();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.clear();
      const back = `/admin/screen${requested ? `?orgId=${encodeURIComponent(requested)}` : ''}`;
      window.location.replace(`/admin/login?next=${encodeURIComponent(back)}`);
    });
    document.title = '党建数据大屏 · 先锋';
    return () => setUnauthorizedHandler(null);
  }, [requested]);

  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }), enabled: !requested });
  const orgId = requested ?? roots.data?.[0]?.id ?? null;
  const { connected, lastChange } = useStatsSocket(orgId);
  const overview = useStatsOverview(orgId, null, { refetchInterval: connected ? false : 30_000 });
  const o = overview.data;
  const stage = useMemo(
    () => ({ width: STAGE_W, height: STAGE_H, transform: `translate(-50%, -50%) scale(${scale})` }),
    [scale],
  );

  let body;
  if (o) body = <ScreenBoard overview={o} live={connected} lastChange={lastChange} refreshing={overview.isFetching} />;
  else if (roots.isError) body = <Message title="无法加载组织" detail={errorMessage(roots.error)} />;
  else if (!requested && roots.data && roots.data.length === 0) body = <Message title="暂无管辖的党组织" />;
  else if (overview.isError) {
    const e = overview.error;
    body =
      e instanceof ApiError && e.status === 404 ? (
        <Message title="党组织不存在或不在您的管辖范围内" />
      ) : e instanceof ApiError && e.status === 403 ? (
        <Message title="您的账号没有查看统计数据的权限" />
      ) : (
        <Message title="无法加载统计数据" detail={errorMessage(e)} />
      );
  } else body = <Message title="正在加载…" />;

  return (
    <div className="xf-screen-viewport">
      <div className="xf-screen" style={stage} data-testid="screen">
        {body}
      </div>
    </div>
  );
}
