import { Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import type { NotificationCategory, NotificationView } from '../api';
import { categoryColors, categoryText, inAppLink, onBehalfText, shownTitle } from '../labels';

interface Props {
  n: NotificationView;
  onOpen: (n: NotificationView) => void;
}

/** One inbox row (admin): unread rows are bold with a red mark; the whole row is the button. */
export function NotificationItem({ n, onOpen }: Props) {
  const unread = !n.readAt;
  const link = inAppLink(n);
  const behalf = onBehalfText(n);
  return (
    <button
      type="button"
      className={unread ? 'xf-notice unread' : 'xf-notice'}
      onClick={() => onOpen(n)}
      data-testid="notification"
      data-unread={unread}
      aria-label={`${unread ? '未读' : '已读'}：${shownTitle(n)}`}
    >
      <span className="xf-notice-dot" aria-hidden />
      <span className="xf-notice-main">
        <span className="xf-notice-head">
          <span className="xf-notice-title">{shownTitle(n)}</span>
          <Tag color={categoryColors[n.category as NotificationCategory] ?? 'default'}>{categoryText(n.category)}</Tag>
          {behalf && <Tag color="purple">{behalf}</Tag>}
          {unread && <Tag color="red">未读</Tag>}
        </span>
        <Typography.Paragraph className="xf-notice-body" ellipsis={{ rows: 2 }}>
          {n.body}
        </Typography.Paragraph>
        <span className="xf-notice-time">
          {formatInstant(n.createdAt)}
          {n.readAt && ` · 已读于 ${formatInstant(n.readAt)}`}
        </span>
      </span>
      {link && (
        <span className="xf-notice-go">
          查看 <RightOutlined />
        </span>
      )}
    </button>
  );
}
