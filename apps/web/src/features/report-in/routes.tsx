import { Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Badge, Spin, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hasPermission, useMe } from '../auth/api';
import { getInbox, reportInKeys } from './api';
import { ConfirmPage } from './pages/ConfirmPage';
import { MembersPage } from './pages/MembersPage';
import { PostsPage } from './pages/PostsPage';
import { ServiceReviewPage } from './pages/ServiceReviewPage';
import { EvaluationsPage } from './pages/EvaluationsPage';
import { StatsPage } from './pages/StatsPage';
import { UnitsPage } from './pages/UnitsPage';
import { UnitMembersPage } from './pages/UnitMembersPage';

/** Staff covering communities see the community's side; a work-unit admin (no grants) sees its unit's side. */
function useSide(): 'community' | 'unit' | null {
  const me = useMe().data;
  if (!me) return null;
  return hasPermission(me, 'member.read') ? 'community' : 'unit';
}

function ReportInLayout() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const me = useMe().data;
  const side = useSide();
  const inbox = useQuery({ queryKey: reportInKeys.inbox, queryFn: getInbox, enabled: side === 'community', refetchInterval: 60_000 });
  const active = pathname.replace(/^\/admin\/report-in\/?/, '').split('/')[0] ?? '';
  const community = new URLSearchParams(search).get('community');
  const count = (n: number | undefined, label: string) => (n ? <Badge count={n} size="small" offset={[8, -2]}>{label}</Badge> : label);
  const tabs =
    side === 'community'
      ? [
          { key: '', label: count(inbox.data?.toConfirm, '待确认') },
          { key: 'members', label: '已报到党员' },
          { key: 'posts', label: '服务项目' },
          { key: 'services', label: count(inbox.data?.pendingServices, '服务记录审核') },
          { key: 'evaluations', label: '评议' },
          { key: 'stats', label: '统计' },
          ...(hasPermission(me, 'account.write') ? [{ key: 'units', label: '报到单位' }] : []),
        ]
      : [
          { key: '', label: '本单位报到党员' },
          { key: 'evaluations', label: '评议' },
          { key: 'stats', label: '统计' },
        ];
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <Tabs activeKey={active} items={tabs} onChange={(k) => void navigate(`/admin/report-in${k ? `/${k}` : ''}${community ? `?community=${community}` : ''}`)} style={{ marginBottom: 0 }} data-testid="report-in-tabs" />
      <Outlet />
    </div>
  );
}

/** /admin/report-in/* — 在职党员双报到, mounted by AdminApp as `report-in/*`. */
export function ReportInAdminRoutes() {
  const side = useSide();
  if (!side) return <Spin />;
  return (
    <Routes>
      <Route element={<ReportInLayout />}>
        <Route index element={side === 'community' ? <ConfirmPage /> : <UnitMembersPage />} />
        {side === 'community' && (
          <>
            <Route path="members" element={<MembersPage />} />
            <Route path="posts" element={<PostsPage />} />
            <Route path="services" element={<ServiceReviewPage />} />
            <Route path="units" element={<UnitsPage />} />
          </>
        )}
        <Route path="evaluations" element={<EvaluationsPage side={side} />} />
        <Route path="stats" element={<StatsPage />} />
        <Route path="*" element={<Navigate to="/admin/report-in" replace />} />
      </Route>
    </Routes>
  );
}
