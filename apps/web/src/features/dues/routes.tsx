import { Navigate, Outlet, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { Tabs } from 'antd';
import { DuesBillListPage } from './pages/DuesBillListPage';
import { DuesPaymentListPage } from './pages/DuesPaymentListPage';
import { DuesArrearsPage } from './pages/DuesArrearsPage';
import { DuesReductionPage } from './pages/DuesReductionPage';
import { DuesReportPage } from './pages/DuesReportPage';
import { DuesBaseImportPage } from './pages/DuesBaseImportPage';

const tabs = [
  { key: '', label: '党费账单' },
  { key: 'payments', label: '交纳记录' },
  { key: 'arrears', label: '欠交党费' },
  { key: 'reductions', label: '减免申请' },
  { key: 'reports', label: '收缴统计' },
  { key: 'bases', label: '基数导入' },
];

/** The 党费 section: one header entry, its pages as tabs; the picked organisation travels with ?org=. */
function DuesLayout() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const active = pathname.replace(/^\/admin\/dues\/?/, '').split('/')[0] ?? '';
  const org = new URLSearchParams(search).get('org');
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <Tabs
        activeKey={active}
        items={tabs}
        onChange={(k) => void navigate(`/admin/dues${k ? `/${k}` : ''}${org ? `?org=${org}` : ''}`)}
        style={{ marginBottom: 0 }}
        data-testid="dues-tabs"
      />
      <Outlet />
    </div>
  );
}

/** /admin/dues/* — mounted by AdminApp as `dues/*`. */
export function DuesAdminRoutes() {
  return (
    <Routes>
      <Route element={<DuesLayout />}>
        <Route index element={<DuesBillListPage />} />
        <Route path="payments" element={<DuesPaymentListPage />} />
        <Route path="arrears" element={<DuesArrearsPage />} />
        <Route path="reductions" element={<DuesReductionPage />} />
        <Route path="reports" element={<DuesReportPage />} />
        <Route path="bases" element={<DuesBaseImportPage />} />
        <Route path="*" element={<Navigate to="/admin/dues" replace />} />
      </Route>
    </Routes>
  );
}

/** /admin/members/:id/dues — the member's 党费 is a tab of the member file. */
export function MemberDuesRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={`/admin/members/${id}?tab=dues`} replace />;
}
