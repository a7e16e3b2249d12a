import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import '@/lib/dates';
import { setUnauthorizedHandler } from '@/lib/http';
import { queryClient } from '@/lib/query-client';
import { AdminLoginPage } from '../features/auth/pages/AdminLoginPage';
import { OrgPage } from '../features/org/pages/OrgPage';
import { MemberListPage } from '../features/member/pages/MemberListPage';
import { MemberImportPage } from '../features/member/pages/MemberImportPage';
import { MeetingVenuePage } from '../features/life/pages/MeetingVenuePage';
import { ComplianceBoardPage } from '../features/life/pages/ComplianceBoardPage';
import { LifeCalendarPage } from '../features/life/pages/LifeCalendarPage';
import { MeetingPage } from '../features/life/pages/MeetingPage';
import { BranchPointsPage } from '../features/points/pages/BranchPointsPage';
import { DuesAdminRoutes, MemberDuesRedirect } from '../features/dues/routes';
import { TransferAdminRoutes } from '../features/transfer/routes';
import { DevelopmentAdminRoutes } from '../features/development/routes';
import { MobileAdminRoutes } from '../features/mobile/routes';
import { ReportInAdminRoutes } from '../features/report-in/routes';
import { WorkUnitHome } from '../features/report-in/components/WorkUnitHome';
import { MemberFilePage } from '../features/member/pages/MemberFilePage';
import { InboxPage } from '../features/notify/pages/InboxPage';
import { PreferencesPage } from '../features/notify/pages/PreferencesPage';
import { AccountListPage } from '../features/account/pages/AccountListPage';
import { AuditPage } from '../features/audit/pages/AuditPage';
import { ScreenReturn } from '../features/stats/screen/ScreenReturn';
import { PageLoading } from '@/lib/PageLoading';
import { AdminLayout } from './AdminLayout';
import { AdminHome } from './AdminHome';
import { NotFound } from './NotFound';
import './admin.css';

// 统计分析 carries ECharts: its own chunk, loaded when the section is opened.
const StatsAdminRoutes = lazy(() => import('../features/stats/routes'));

// Party red for actions and links; form fields hover/focus in neutral grey so a focused field never
// looks like one with an error.
const field = { hoverBorderColor: '#8c8c8c', activeBorderColor: '#434343', activeShadow: '0 0 0 2px rgba(0, 0, 0, 0.08)' };
export const adminTheme = {
  token: { colorPrimary: '#b71c1c', colorLink: '#b71c1c', fontSize: 15, borderRadius: 6 },
  components: {
    Layout: { headerBg: '#b71c1c', siderBg: '#ffffff', bodyBg: '#f4f5f7' },
    Input: field,
    InputNumber: field,
    DatePicker: field,
    Select: { hoverBorderColor: field.hoverBorderColor, activeBorderColor: field.activeBorderColor, activeOutlineColor: 'rgba(0, 0, 0, 0.08)' },
  },
};

/** The admin console: district organisation department, community Party workers, branch secretaries. */
export default function AdminApp() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname.startsWith('/admin/login')) return;
      queryClient.clear();
      void navigate(`/admin/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);

  return (
    <ConfigProvider locale={zhCN} theme={adminTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Routes>
          <Route path="login" element={<AdminLoginPage />} />
          <Route path="screen" element={<ScreenReturn />} />
          <Route element={<AdminLayout />}>
            <Route index element={<WorkUnitHome otherwise={<AdminHome />} />} />
            <Route path="orgs/:id" element={<OrgPage />} />
            <Route path="members" element={<MemberListPage />} />
            <Route path="members/import" element={<MemberImportPage />} />
            <Route path="life" element={<LifeCalendarPage />} />
            <Route path="meetings/:id" element={<MeetingPage />} />
            <Route path="meetings/:id/venue" element={<MeetingVenuePage />} />
            <Route path="points" element={<BranchPointsPage />} />
            <Route path="compliance" element={<ComplianceBoardPage />} />
            <Route path="members/:id" element={<MemberFilePage />} />
            <Route path="members/:id/dues" element={<MemberDuesRedirect />} />
            <Route path="dues/*" element={<DuesAdminRoutes />} />
            <Route path="transfers/*" element={<TransferAdminRoutes />} />
            <Route path="development/*" element={<DevelopmentAdminRoutes />} />
            <Route path="mobile/*" element={<MobileAdminRoutes />} />
            <Route path="report-in/*" element={<ReportInAdminRoutes />} />
            <Route
              path="stats/*"
              element={
                <Suspense fallback={<PageLoading />}>
                  <StatsAdminRoutes />
                </Suspense>
              }
            />
            <Route path="accounts" element={<AccountListPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="notifications" element={<InboxPage />} />
            <Route path="notifications/preferences" element={<PreferencesPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}
