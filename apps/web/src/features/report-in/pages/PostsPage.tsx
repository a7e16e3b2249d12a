import { useState } from 'react';
import { Alert, App, Button, Space, Switch, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listPosts, reportInKeys, updatePost, type PostView } from '../api';
import { CommunitySelect } from '../components/CommunitySelect';
import { PostFormModal } from '../components/PostFormModal';
import { PostKindTag } from '../components/tags';
import { useCommunityParam } from '../use-community';

/**
 * /admin/report-in/posts — 服务项目: the community's menu of posts, pairings and teams drawn from residents' needs.
 * Members choose from it themselves (no assignment by decree); a full item takes no more claims.
 */
export function PostsPage() {
  const [community, setCommunity] = useCommunityParam();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<PostView | 'new' | null>(null);
  const list = useQuery({ queryKey: reportInKeys.posts(community ?? '', true), queryFn: () => listPosts(community!, true), enabled: !!community });

  const toggle = async (p: PostView) => {
    try {
      await updatePost(p.id, { closed: !p.closedOn });
      await queryClient.invalidateQueries({ queryKey: reportInKeys.all });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          服务项目
        </Typography.Title>
        <CommunitySelect mine autoPick value={community} onChange={setCommunity} />
        <Button type="primary" disabled={!community} onClick={() => setEditing('new')} data-testid="post-new">
          新增服务项目
        </Button>
      </Space>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      <Table<PostView>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: '还没有服务项目：请根据居民需求设置岗位、结对和服务队' }}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 90, render: (_: unknown, p) => <PostKindTag kind={p.kind} /> },
          { title: '名称', dataIndex: 'title', width: 220 },
          { title: '居民需求与服务内容', dataIndex: 'description', render: (d: string | null) => d ?? '—' },
          { title: '名额', key: 'cap', width: 110, render: (_: unknown, p) => `${p.claimed} / ${p.capacity ?? '不限'}` },
          { title: '接受认领', key: 'open', width: 100, render: (_: unknown, p) => <Switch checked={!p.closedOn} onChange={() => void toggle(p)} aria-label="接受认领" /> },
          {
            title: '操作',
            key: 'edit',
            width: 80,
            render: (_: unknown, p) => (
              <Button type="link" size="small" onClick={() => setEditing(p)}>
                修改
              </Button>
            ),
          },
        ]}
      />
      <PostFormModal
        open={editing !== null}
        communityOrgId={community}
        post={editing === 'new' ? null : editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) void queryClient.invalidateQueries({ queryKey: reportInKeys.all });
        }}
      />
    </div>
  );
}
