import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Pagination, Radio, Segmented, Space, Spin, Typography } from 'antd';
import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listNotifications, notifyKeys, useUnreadCount, type InboxQuery, type ReadFilter } from '../api';
import { categoryLabels, isCategory, isReadFilter, readFilterLabels } from '../labels';
import { useInboxActions } from '../use-inbox-actions';
import { NotificationItem } from '../components/NotificationItem';
import '../notify.css';

const PAGE_SIZE = 20;
const readOptions = (Object.keys(readFilterLabels) as ReadFilter[]).map((value) => ({ value, label: readFilterLabels[value] }));
const categoryOptions = [{ value: '', label: '全部类型' }, ...Object.entries(categoryLabels).map(([value, label]) => ({ value, label }))];

/** /admin/notifications — 我的消息: filters and page in the URL, click to read and open. */
export function InboxPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const readParam = params.get('read');
  const categoryParam = params.get('category');
  const query: InboxQuery = {
    read: isReadFilter(readParam) ? readParam : 'all',
    category: isCategory(categoryParam) ? categoryParam : null,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({ queryKey: notifyKeys.list(query), queryFn: () => listNotifications(query), placeholderData: keepPreviousData });
  const unread = useUnreadCount();
  const { open, readAll } = useInboxActions((text) => void message.error(text));

  const update = (next: Partial<InboxQuery>) => {
    const q = { ...query, page: 1, ...next };
    const p: Record<string, string> = {};
    if (q.read !== 'all') p.read = q.read;
    if (q.category) p.category = q.category;
    if (q.page > 1) p.page = String(q.page);
    setParams(p, { replace: true });
  };

  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的消息
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="inbox-unread">
          {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
        </Typography.Text>
        <span style={{ marginLeft: 'auto' }} />
        <Link to="/admin/notifications/preferences">
          <Button icon={<SettingOutlined />}>通知设置</Button>
        </Link>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate(undefined, { onSuccess: () => void message.success('已全部标为已读') })}
        >
          全部标为已读
        </Button>
      </div>
      <Card>
        <Space size={24} wrap style={{ marginBottom: 16 }}>
          <Segmented<ReadFilter> options={readOptions} value={query.read} onChange={(read) => update({ read })} />
          <Radio.Group
            optionType="button"
            options={categoryOptions}
            value={query.category ?? ''}
            onChange={(e) => update({ category: isCategory(e.target.value as string) ? (e.target.value as InboxQuery['category']) : null })}
          />
        </Space>
        {list.isError ? (
          <Alert type="error" showIcon title="无法加载消息" description={errorMessage(list.error)} />
        ) : list.isPending ? (
          <Spin style={{ display: 'block', margin: '48px auto' }} />
        ) : list.data.items.length === 0 ? (
          <Empty description={query.read === 'unread' ? '没有未读消息' : '暂无消息'} />
        ) : (
          <div className="xf-notices" data-testid="inbox-list" aria-busy={list.isFetching}>
            {list.data.items.map((n) => (
              <NotificationItem key={n.id} n={n} onOpen={open} />
            ))}
          </div>
        )}
        {list.data && list.data.total > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16, justifyContent: 'flex-end' }}
            current={query.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            showSizeChanger={false}
            showTotal={(t) => `共 ${t} 条`}
            onChange={(page) => update({ page })}
          />
        )}
      </Card>
    </div>
  );
}
