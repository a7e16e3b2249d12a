import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useMe } from '@/features/auth/api';
import { ApplicantHomePage } from './ApplicantHomePage';
import { ApplyPage } from './ApplyPage';
import { MenteesPage } from './MenteesPage';
import { MenteePage } from './MenteePage';

/** /m/apply/* — the applicant's pages behind login (register and login are public, mounted beside the shell). */
export function ApplyMobileRoutes() {
  return (
    <Routes>
      <Route index element={<ApplicantHomePage />} />
      <Route path="new" element={<ApplyPage />} />
      <Route path="*" element={<Navigate to="/m/apply" replace />} />
    </Routes>
  );
}

/** /m/mentoring/* — a mentor's mentees and their assessment notes. */
export function MentoringMobileRoutes() {
  return (
    <Routes>
      <Route index element={<MenteesPage />} />
      <Route path=":id" element={<MenteePage />} />
      <Route path="*" element={<Navigate to="/m/mentoring" replace />} />
    </Routes>
  );
}

/** The H5's home: applicants go to their application; everyone else gets the page given (我的档案). */
export function HomeForKind({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.data?.kind === 'applicant') return <Navigate to="/m/apply" replace />;
  return children;
}
