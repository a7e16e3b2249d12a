import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Col, Result, Row, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { getOrgTree, orgKeys } from '@/features/org/api';
import { childName } from '../org-names';
import { ApiError, errorMessage } from '@/lib/http';
import { useStatsOverview, type StatsOverview } from '../api';
import { barOption, lightLook } from '../charts/options';
import { BreakdownCharts } from '../components/BreakdownCharts';
import { ChartCard } from '../components/ChartCard';
import { ChildrenTable } from '../components/ChildrenTable';
import { KpiCards } from '../components/KpiCards';
import { ModuleFigures } from '../components/ModuleFigures';
import { PyramidCard } from '../components/PyramidCard';
import { StatsToolbar } from '../components/StatsToolbar';
import { TrendCard } from '../components/TrendCard';
import { WarningPanel } from '../components/WarningPanel';
import { headline } from '../figures';
import { statsPath } from '../paths';
import { useStatsSocket } from '../use-stats-socket';
import '../stats.css';

/** The children bar chart shows at most this many (largest first); the table below lists them all. */
const TOP_CHILDREN = 15;

function childrenChart(o: StatsOverview) {
  const top = [...o.children].sort((a, b) => b.total - a.total).slice(0, TOP_CHILDREN);
  const entries = top.map((c) => ({ key: c.id, label: childName(c.name, o.org.name), full: c.name, value: c.total }));
  return { entries, option: barOption(entries, lightLook, { seriesName: '党员数', horizontal: true, color: lightLook.palette[0] }) };
}

/**
 * 统计分析 (/admin/stats/:orgId?asOf=): the member figures of an org's subtree, its children to drill into,
 * warnings linked to their lists and the other modules' figures. Live: a change signal refetches the figures.
 */
export function StatsDashboardPage() {
  const { orgId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const navigate = useNavigate();
  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }) });
  const { connected } = useStatsSocket(orgId);
  const poll = connected ? false : 60_000;
  const overview = useStatsOverview(orgId, asOf, { refetchInterval: poll });
  const o = overview.data;
  const bars = useMemo(() => (o ? childrenChart(o) : null), [o]);
  const open = (id: string) => void navigate(statsPath(id, asOf));

  if (overview.isError && !o) {
    const notFound = overview.error instanceof ApiError && overview.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '党组织不存在或不在您的管辖范围内' : '无法加载统计数据'}
        subTitle={notFound ? undefined : errorMessage(overview.error)}
      />
    );
  }
  if (!o || !roots.data) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;

  return (
    <div className="xf-stats" data-testid="stats-dashboard" data-org-id={o.org.id} data-as-of={o.asOf}>
      <StatsToolbar
        orgId={orgId}
        orgName={o.org.name}
        roots={roots.data}
        asOf={asOf}
        live={connected}
        onAsOf={(d) => setParams(d ? { asOf: d } : {}, { replace: true })}
      />
      <Typography.Title level={4} style={{ margin: '4px 0 12px' }} data-testid="stats-org-name">
        {o.org.name}
        <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 12 }}>
          统计截至 {o.asOf}
          {overview.isFetching && <Spin size="small" style={{ marginLeft: 8 }} />}
        </Typography.Text>
      </Typography.Title>
      {overview.isError && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`刷新失败，显示的是上次的数据：${errorMessage(overview.error)}`} />}
      <KpiCards h={headline(o)} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={bars && bars.entries.length > 0 ? 10 : 24}>
          <WarningPanel warnings={o.warnings} past={!!asOf} />
        </Col>
        {bars && bars.entries.length > 0 && (
          <Col xs={24} xl={14}>
            <ChartCard
              title={o.children.length > TOP_CHILDREN ? `下级党组织党员数（前${TOP_CHILDREN}个，点击进入）` : '下级党组织党员数（点击进入）'}
              testId="chart-children"
              entries={bars.entries}
              total={o.members.total}
              option={bars.option}
              height={Math.max(180, bars.entries.length * 30)}
              onClick={(e) => {
                const child = bars.entries[bars.entries.length - 1 - e.dataIndex];
                if (child) open(child.key);
              }}
            />
          </Col>
        )}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <PyramidCard overview={o} />
        </Col>
        <Col xs={24} xl={12}>
          <TrendCard orgId={o.org.id} refetchInterval={poll} />
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}>
        <BreakdownCharts overview={o} />
      </div>
      {o.children.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <ChildrenTable overview={o} onOpen={open} />
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        <ModuleFigures modules={o.modules} />
      </div>
    </div>
  );
}
