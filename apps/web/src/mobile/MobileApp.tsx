import { useEffect } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { setUnauthorizedHandler } from '@/lib/http';
import { queryClient } from '@/lib/query-client';
import { MobileLoginPage } from '../features/auth/pages/MobileLoginPage';
import { MyFilePage } from '../features/member/pages/MyFilePage';
import './mobile.css';

/** The members' H5 at /m: log in, see one's own file, log out. */
export default function MobileApp() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname.startsWith('/m/login')) return;
      queryClient.clear();
      void navigate('/m/login', { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);
  return (
    <ConfigProvider locale={zhCN}>
      <Routes>
        <Route path="login" element={<MobileLoginPage />} />
        <Route path="*" element={<MyFilePage />} />
      </Routes>
    </ConfigProvider>
  );
}
