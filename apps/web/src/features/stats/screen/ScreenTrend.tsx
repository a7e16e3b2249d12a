import { useMemo } from 'react';
import { useStatsTrend } from '../api';
import { EChart } from '../charts/EChart';
import { darkLook } from '../charts/options';
import { trendOption } from '../charts/trend';
import { HISTORY_NOTE, TREND_MONTHS, trendFullLabel } from '../trend';

/**
 * The member trend on the big screen: the last month-ends and today. Refetched with the overview by the change
 * socket; polled every 30 s while it is down, as the rest of the screen.
 */
export function ScreenTrend({ orgId, live, height }: { orgId: string; live: boolean; height: number }) {
  const trend = useStatsTrend(orgId, TREND_MONTHS, { refetchInterval: live ? false : 30_000 });
  const points = trend.data?.orgId === orgId ? trend.data.points : null;
  const option = useMemo(() => (points ? trendOption(points, darkLook, height) : null), [points, height]);
  if (!points || !option) return <div className="xf-screen-empty">{trend.isError ? '党员人数变化暂不可用' : '正在加载…'}</div>;
  const fromHistory = points.some((p) => p.source === 'history');
  return (
    <div data-testid="screen-trend" data-points={points.length} data-last-total={points.at(-1)?.total}>
      <EChart option={option} height={height} label={`党员人数变化：${points.map((p) => `${trendFullLabel(p)} ${p.total}`).join('，')}`} />
      {fromHistory && <div className="xf-screen-note corner">空心点：{HISTORY_NOTE}</div>}
    </div>
  );
}
