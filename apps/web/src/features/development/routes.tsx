import { Navigate, Route, Routes } from 'react-router';
import { DevelopmentBoardPage } from './pages/DevelopmentBoardPage';
import { NewCasePage } from './pages/NewCasePage';
import { CasePage } from './pages/CasePage';

/** /admin/development/* — mounted by AdminApp as `development/*`. */
export function DevelopmentAdminRoutes() {
  return (
    <Routes>
      <Route index element={<DevelopmentBoardPage />} />
      <Route path="new" element={<NewCasePage />} />
      <Route path=":id" element={<CasePage />} />
      <Route path="*" element={<Navigate to="/admin/development" replace />} />
    </Routes>
  );
}
