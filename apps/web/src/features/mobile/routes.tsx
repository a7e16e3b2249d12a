import { Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Tabs } from 'antd';
import { OutflowListPage } from './pages/OutflowListPage';
import { InflowListPage } from './pages/InflowListPage';
import { MobileSummaryPage } from './pages/MobileSummaryPage';

const tabs = [
  { key: '', label: '流出党员' },
  { key: 'inflows', label: '流入党员' },
  { key: 'summary', label: '统计' },
];

/** The 流动党员 section: one menu entry, its pages as tabs; the picked organisation travels with ?org=. */
function MobileLayout() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const active = pathname.replace(/^\/admin\/mobile\/?/, '').split('/')[0] ?? '';
  const org = new URLSearchParams(search).get('org');
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <Tabs activeKey={active} items={tabs} onChange={(k) => void navigate(`/admin/mobile${k ? `/${k}` : ''}${org ? `?org=${org}` : ''}`)} style={{ marginBottom: 0 }} data-testid="mobile-tabs" />
      <Outlet />
    </div>
  );
}

/** /admin/mobile/* — mounted by AdminApp as `mobile/*`. */
export function MobileAdminRoutes() {
  return (
    <Routes>
      <Route element={<MobileLayout />}>
        <Route index element={<OutflowListPage />} />
        <Route path="inflows" element={<InflowListPage />} />
        <Route path="summary" element={<MobileSummaryPage />} />
        <Route path="*" element={<Navigate to="/admin/mobile" replace />} />
      </Route>
    </Routes>
  );
}
