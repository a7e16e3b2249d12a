import { Navigate } from 'react-router';
import { Result, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hasPermission, useMe } from '../features/auth/api';
import { getOrgTree, orgKeys } from '../features/org/api';
import { errorMessage } from '@/lib/http';

/** /admin opens the caller's first covered organisation; roles without business data get a note. */
export function AdminHome() {
  const me = useMe();
  const canReadOrgs = hasPermission(me.data, 'org.read');
  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }), enabled: canReadOrgs });

  if (!canReadOrgs) {
    return (
      <Result
        status="info"
        title="欢迎使用先锋智慧党建平台"
        subTitle="您的角色不含党组织和党员数据的查看权限（三员分立：系统、安全、审计管理员各司其职）。"
      />
    );
  }
  if (roots.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (roots.isError) return <Result status="error" title="无法加载组织" subTitle={errorMessage(roots.error)} />;
  const first = roots.data[0];
  if (!first) return <Result status="info" title="暂无管辖的党组织" subTitle="请联系上级党组织为您授权。" />;
  return <Navigate to={`/admin/orgs/${first.id}`} replace />;
}
