import { Navigate, Route, Routes } from 'react-router';
import { TransferInboxPage } from './pages/TransferInboxPage';
import { TransferWizardPage } from './pages/TransferWizardPage';
import { TransferDetailPage } from './pages/TransferDetailPage';
import { MyTransfersPage } from './pages/mobile/MyTransfersPage';
import { MyTransferApplyPage } from './pages/mobile/MyTransferApplyPage';
import { MyTransferPage } from './pages/mobile/MyTransferPage';

/** /admin/transfers/* — mounted by AdminApp as `transfers/*`. */
export function TransferAdminRoutes() {
  return (
    <Routes>
      <Route index element={<TransferInboxPage />} />
      <Route path="new" element={<TransferWizardPage />} />
      <Route path=":id" element={<TransferDetailPage />} />
      <Route path="*" element={<Navigate to="/admin/transfers" replace />} />
    </Routes>
  );
}

/** /m/transfers/* — the member's own transfers on the H5, mounted by MobileApp as `transfers/*`. */
export function TransferMobileRoutes() {
  return (
    <Routes>
      <Route index element={<MyTransfersPage />} />
      <Route path="new" element={<MyTransferApplyPage />} />
      <Route path=":id" element={<MyTransferPage />} />
      <Route path="*" element={<Navigate to="/m/transfers" replace />} />
    </Routes>
  );
}
