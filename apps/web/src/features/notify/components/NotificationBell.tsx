import { Link } from 'react-router';
import { Badge, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useUnreadCount } from '../api';
import '../notify.css';

/** Admin header: a bell with the unread count, to 我的消息; the count comes from the realtime hook. */
export function NotificationBell({ active }: { active: boolean }) {
  const unread = useUnreadCount();
  const label = unread > 0 ? `消息（${unread} 条未读）` : '消息';
  return (
    <Tooltip title={label}>
      <Link to="/admin/notifications" className={active ? 'xf-bell active' : 'xf-bell'} aria-label={label} data-testid="notify-bell" data-unread={unread}>
        <Badge count={unread} overflowCount={99} size="small" offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
