import { Link } from 'react-router';
import { Alert, List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { errorMessage } from '@/lib/http';
import { getOrgTree, orgKeys } from '../api';

/** Direct children, from the tree API (one level). */
export function OrgChildren({ orgId }: { orgId: string }) {
  const q = useQuery({ queryKey: orgKeys.tree(orgId), queryFn: () => getOrgTree({ rootId: orgId, depth: 1 }) });
  if (q.isError) return <Alert type="error" showIcon title="无法加载下级组织" description={errorMessage(q.error)} />;
  const children = q.data?.[0]?.children ?? [];
  return (
    <List
      size="small"
      loading={q.isPending}
      dataSource={children}
      locale={{ emptyText: '没有下级组织' }}
      renderItem={(c) => (
        <List.Item extra={<span style={{ color: '#999', fontFamily: 'monospace' }}>{c.code}</span>}>
          <Link to={`/admin/orgs/${c.id}`}>{c.name}</Link>{' '}
          <Tag className="xf-kind-tag" style={{ marginInlineStart: 6 }}>
            {orgKindLabels[c.kind]}
          </Tag>
          {c.dissolved && <Tag className="xf-kind-tag">已撤销</Tag>}
        </List.Item>
      )}
    />
  );
}
