import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '../../auth/api';

/** /admin for a work-unit admin account (no organisation grants): its only section is 双报到. Others get `otherwise`. */
export function WorkUnitHome({ otherwise }: { otherwise: ReactNode }) {
  const me = useMe();
  if (me.data?.kind === 'work_unit_admin') return <Navigate to="/admin/report-in" replace />;
  return otherwise;
}
