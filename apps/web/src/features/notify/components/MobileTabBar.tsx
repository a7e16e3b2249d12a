import { NavLink, useLocation } from 'react-router';
import { Badge } from 'antd-mobile';
import { BellOutlined, CalendarOutlined, SafetyCertificateOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useUnreadCount } from '../api';
import '../notify-mobile.css';

/**
 * The H5's bottom bar: five big labelled links (我的档案, 会议, 活动证, 消息 with the unread count, 设置). Real
 * links, not click handlers, so they are reachable and announced as such. 我的积分 opens from the meetings
 * page, so 会议 stays lit there. Five is the most that fit 375px at 17px type.
 */
export function MobileTabBar() {
  const unread = useUnreadCount();
  const { pathname } = useLocation();
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? 'xfm-tab active' : 'xfm-tab');
  const meetingsCls = ({ isActive }: { isActive: boolean }) => cls({ isActive: isActive || pathname.startsWith('/m/points') });
  return (
    <nav className="xfm-tabbar" aria-label="主菜单">
      <NavLink to="/m" end className={cls}>
        <UserOutlined className="xfm-tab-icon" />
        <span>我的档案</span>
      </NavLink>
      <NavLink to="/m/meetings" className={meetingsCls} data-testid="tab-meetings">
        <CalendarOutlined className="xfm-tab-icon" />
        <span>会议</span>
      </NavLink>
      <NavLink to="/m/certificate" className={cls} data-testid="tab-certificate">
        <SafetyCertificateOutlined className="xfm-tab-icon" />
        <span>活动证</span>
      </NavLink>
      <NavLink to="/m/messages" className={cls} aria-label={unread > 0 ? `消息，${unread} 条未读` : '消息'} data-testid="tab-messages" data-unread={unread}>
        <Badge content={unread > 0 ? (unread > 99 ? '99+' : String(unread)) : null} className="xfm-tab-badge">
          <BellOutlined className="xfm-tab-icon" />
        </Badge>
        <span>消息</span>
      </NavLink>
      <NavLink to="/m/settings" className={cls}>
        <SettingOutlined className="xfm-tab-icon" />
        <span>设置</span>
      </NavLink>
    </nav>
  );
}
