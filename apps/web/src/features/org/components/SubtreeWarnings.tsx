import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, List, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listSubtreeWarnings, orgKeys } from '../api';

/** Every warning in the org's subtree (GET /api/orgs/:id/warnings), paginated. */
export function SubtreeWarnings({ orgId }: { orgId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: orgKeys.warnings(orgId, page, pageSize),
    queryFn: () => listSubtreeWarnings(orgId, page, pageSize),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <Alert type="error" showIcon title="无法加载预警" description={errorMessage(q.error)} />;
  return (
    <List
      data-testid="subtree-warnings"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: '本组织及下级组织暂无设置预警' }}
      pagination={{
        current: page,
        pageSize,
        total: q.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50],
        showTotal: (t) => `共 ${t} 条预警`,
        onChange: (p, s) => {
          setPage(s === pageSize ? p : 1);
          setPageSize(s);
        },
      }}
      renderItem={(w) => (
        <List.Item>
          <List.Item.Meta
            avatar={<Tag color={w.code === 'TERM_EXPIRED' || w.code === 'BRANCH_TOO_FEW_FULL_MEMBERS' ? 'red' : 'orange'}>预警</Tag>}
            title={<Link to={`/admin/orgs/${w.orgId}`}>{w.orgName}</Link>}
            description={
              <>
                <div style={{ color: 'rgba(0,0,0,0.85)' }}>{w.message}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  依据：{w.article}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
