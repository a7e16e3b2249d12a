import { Navigate, Route, Routes } from 'react-router';
import { Result, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { getOrgTree, orgKeys } from '@/features/org/api';
import { errorMessage } from '@/lib/http';
import { StatsDashboardPage } from './pages/StatsDashboardPage';
import { statsPath } from './paths';

/** /admin/stats opens the caller's first covered organisation. */
function StatsHome() {
  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }) });
  if (roots.isPending) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (roots.isError) return <Result status="error" title="无法加载组织" subTitle={errorMessage(roots.error)} />;
  const first = roots.data[0];
  if (!first) return <Result status="info" title="暂无管辖的党组织" subTitle="请联系上级党组织为您授权。" />;
  return <Navigate to={statsPath(first.id, null)} replace />;
}

/**
 * /admin/stats/* — mounted lazily by AdminApp as `stats/*`, so ECharts loads only with these pages.
 * Default export for React.lazy.
 */
export default function StatsAdminRoutes() {
  return (
    <Routes>
      <Route index element={<StatsHome />} />
      <Route path=":orgId" element={<StatsDashboardPage />} />
      <Route path="*" element={<Navigate to="/admin/stats" replace />} />
    </Routes>
  );
}
