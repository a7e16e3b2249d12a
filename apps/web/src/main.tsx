import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './lib/query-client';
import { PageLoading } from './lib/PageLoading';

// Two shells, two chunks: the admin console (antd) and the members' H5 (antd-mobile).
const AdminApp = lazy(() => import('./admin/AdminApp'));
const MobileApp = lazy(() => import('./mobile/MobileApp'));
// The public certificate check (scanned QR codes): its own small chunk, no UI library.
const VerifyPage = lazy(() => import('./features/certificate/pages/VerifyPage'));
const LetterVerifyPage = lazy(() => import('./features/transfer/pages/LetterVerifyPage'));
const MobileCertificateVerifyPage = lazy(() => import('./features/mobile/pages/MobileCertificateVerifyPage'));
// The hall's big screen: full page, dark, no admin chrome and no antd — ECharts only.
const ScreenApp = lazy(() => import('./features/stats/screen/ScreenApp'));

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/m/*" element={<MobileApp />} />
            <Route path="/verify/transfer-letter/:token" element={<LetterVerifyPage />} />
            <Route path="/verify/mobile/:token" element={<MobileCertificateVerifyPage />} />
            <Route path="/verify/:token" element={<VerifyPage />} />
            <Route path="/screen" element={<ScreenApp />} />
            <Route path="*" element={<Navigate to="/admin" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
