import { useEffect } from 'react';
import { Outlet, Route, Routes, useNavigate } from 'react-router';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { setUnauthorizedHandler } from '@/lib/http';
import { queryClient } from '@/lib/query-client';
import { MobileLoginPage } from '../features/auth/pages/MobileLoginPage';
import { MyFilePage } from '../features/member/pages/MyFilePage';
import { MyCertificatePage } from '../features/certificate/pages/MyCertificatePage';
import { MobileCheckInPage } from '../features/life/pages/MobileCheckInPage';
import { MyMeetingsPage } from '../features/life/pages/MyMeetingsPage';
import { MyMeetingPage } from '../features/life/pages/MyMeetingPage';
import { MyPointsPage } from '../features/points/pages/MyPointsPage';
import { MyDuesPage } from '../features/dues/pages/MyDuesPage';
import { TransferMobileRoutes } from '../features/transfer/routes';
import { MyMobileCertificatePage } from '../features/mobile/pages/MyMobileCertificatePage';
import { MyReportInPage } from '../features/report-in/pages/mobile/MyReportInPage';
import { ReportInVerifyPage } from '../features/report-in/pages/mobile/ReportInVerifyPage';
import { useMe } from '../features/auth/api';
import { MobileTabBar } from '../features/notify/components/MobileTabBar';
import { MobileInboxPage } from '../features/notify/pages/MobileInboxPage';
import { MobileSettingsPage } from '../features/notify/pages/MobileSettingsPage';
import { useNotifySocket } from '../features/notify/use-notify-socket';
import { ApplicantLoginPage } from './development/ApplicantLoginPage';
import { ApplicantRegisterPage } from './development/ApplicantRegisterPage';
import { ApplyMobileRoutes, HomeForKind, MentoringMobileRoutes } from './development/routes';
import './mobile.css';

// antd-mobile's imperative pieces (Toast) render through React 19's createRoot (mobile.ant.design/guide/v5-for-19).
const toastRoots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = toastRoots.get(container) ?? createRoot(container);
  toastRoots.set(container, root);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    toastRoots.delete(container);
  };
});

/** Logged-in pages: the page above, the big bottom bar (我的档案, 会议, 活动证, 消息, 设置) below; realtime unread count. */
function MobileShell() {
  const me = useMe();
  useNotifySocket(me.isSuccess);
  return (
    <div className="xfm-shell">
      <Outlet />
      {me.isSuccess && me.data.kind !== 'applicant' && <MobileTabBar />}
    </div>
  );
}

/** The members' H5 at /m: log in, one's own file, meetings (leave, minutes) and points, 党费, messages, settings (两个生日, 家属代收, 免打扰), log out. */
export default function MobileApp() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname.startsWith('/m/login')) return;
      if (/^\/m\/apply\/(login|register)/.test(window.location.pathname)) return;
      queryClient.clear();
      // 入党申请人 log in with their ID number on their own page.
      if (window.location.pathname.startsWith('/m/apply')) return void navigate('/m/apply/login', { replace: true });
      // Back to where the member was going (the check-in link from the venue QR) after logging in.
      const next = window.location.pathname + window.location.search;
      void navigate(next.startsWith('/m/') && next !== '/m/' ? `/m/login?next=${encodeURIComponent(next)}` : '/m/login', { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);
  return (
    <ConfigProvider locale={zhCN}>
      <Routes>
        <Route path="login" element={<MobileLoginPage />} />
        {/* The 报到证 QR check is public: outside the logged-in shell. */}
        <Route path="report-in/verify/:token" element={<ReportInVerifyPage />} />
        {/* 申请入党: registering and logging in come before any account. */}
        <Route path="apply/register" element={<ApplicantRegisterPage />} />
        <Route path="apply/login" element={<ApplicantLoginPage />} />
        <Route element={<MobileShell />}>
          <Route path="messages" element={<MobileInboxPage />} />
          <Route path="settings" element={<MobileSettingsPage />} />
          <Route path="certificate" element={<MyCertificatePage />} />
          <Route path="check-in" element={<MobileCheckInPage />} />
          <Route path="meetings" element={<MyMeetingsPage />} />
          <Route path="meetings/:id" element={<MyMeetingPage />} />
          <Route path="points" element={<MyPointsPage />} />
          <Route path="dues" element={<MyDuesPage />} />
          <Route path="transfers/*" element={<TransferMobileRoutes />} />
          <Route path="mobile" element={<MyMobileCertificatePage />} />
          <Route path="report-in" element={<MyReportInPage />} />
          <Route path="apply/*" element={<ApplyMobileRoutes />} />
          <Route path="mentoring/*" element={<MentoringMobileRoutes />} />
          <Route
            path="*"
            element={
              <HomeForKind>
                <MyFilePage />
              </HomeForKind>
            }
          />
        </Route>
      </Routes>
    </ConfigProvider>
  );
}
