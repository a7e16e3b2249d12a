import { useState } from 'react';
import { Button, DotLoading, ErrorBlock, NavBar, Toast } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listNotifications, notifyKeys, useUnreadCount } from '../api';
import { useInboxActions } from '../use-inbox-actions';
import { MobileMessageCard } from '../components/MobileMessageCard';
import '../notify-mobile.css';

const PAGE_SIZE = 10;
const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

/** 消息 (H5): the account's inbox as big cards, 全部 / 未读, 加载更多; tap to read and open. */
export function MobileInboxPage() {
  const [onlyUnread, setOnlyUnread] = useState(false);
  const unread = useUnreadCount();
  const { open, readAll } = useInboxActions((text) => Toast.show({ content: text }));
  const list = useInfiniteQuery({
    queryKey: notifyKeys.list({ mobile: true, onlyUnread }),
    queryFn: ({ pageParam }) => listNotifications({ read: onlyUnread ? 'unread' : 'all', category: null, page: pageParam, pageSize: PAGE_SIZE }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  let body;
  if (list.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (list.isError) {
    body = <ErrorBlock status="default" title="消息暂时打不开" description={say(errorMessage(list.error))} />;
  } else if (items.length === 0) {
    body = <ErrorBlock status="empty" title={onlyUnread ? '没有未读消息' : '还没有消息'} description={say('有新的通知、提醒和祝福时会显示在这里。')} />;
  } else {
    body = (
      <div data-testid="message-list">
        {items.map((n) => (
          <MobileMessageCard key={n.id} n={n} onOpen={open} />
        ))}
        {list.hasNextPage && (
          <div className="xfm-more">
            <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} style={{ minHeight: 52, fontSize: 19 }}>
              加载更多
            </Button>
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        right={
          unread > 0 ? (
            <button type="button" onClick={() => readAll.mutate()} disabled={readAll.isPending}>
              全部已读
            </button>
          ) : null
        }
      >
        消息
      </NavBar>
      <div className="xfm-filter" role="group" aria-label="筛选">
        <button type="button" aria-pressed={!onlyUnread} onClick={() => setOnlyUnread(false)}>
          全部消息
        </button>
        <button type="button" aria-pressed={onlyUnread} onClick={() => setOnlyUnread(true)}>
          未读{unread > 0 ? `（${unread}）` : ''}
        </button>
      </div>
      {body}
    </div>
  );
}
