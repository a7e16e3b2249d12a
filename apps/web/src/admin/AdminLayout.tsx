import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Button, Layout, Result, Space, Spin, Tag, Tooltip } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { roleLabels, type Role } from '@xianfeng/contracts/account/account.permissions';
import { ApiError, errorMessage } from '@/lib/http';
import { hasPermission, logout, useMe } from '../features/auth/api';
import { OrgSider } from '../features/org/components/OrgSider';
import { NotificationBell } from '../features/notify/components/NotificationBell';
import { useNotifySocket } from '../features/notify/use-notify-socket';

/** Header (who is logged in, 演示模式, unread bell, logout), the org tree on the left, the page on the right. */
export function AdminLayout() {
  const me = useMe();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  useNotifySocket(me.isSuccess);
  const out = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/admin/login', { replace: true });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  if (me.isPending) return <Spin size="large" fullscreen tip="正在加载…" />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Spin size="large" fullscreen />;
    return (
      <Result status="error" title="无法加载账号信息" subTitle={errorMessage(me.error)} extra={<Button onClick={() => void me.refetch()}>重试</Button>} />
    );
  }
  const user = me.data;
  const canReadOrgs = hasPermission(user, 'org.read');
  const canReadMembers = hasPermission(user, 'member.read');
  const canReadAccounts = hasPermission(user, 'account.read');
  const canReadAudit = hasPermission(user, 'audit.read');
  const canReadLife = hasPermission(user, 'life.read');
  const section = pathname.startsWith('/admin/members')
    ? 'members'
    : pathname.startsWith('/admin/compliance') || pathname.startsWith('/admin/meetings')
      ? 'life'
    : pathname.startsWith('/admin/notifications')
      ? 'notifications'
      : pathname.startsWith('/admin/accounts')
        ? 'accounts'
        : pathname.startsWith('/admin/audit')
          ? 'audit'
          : 'orgs';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="xf-header">
        <Link to="/admin" className="xf-brand">
          <span className="xf-brand-star">★</span>先锋 · 智慧党建
        </Link>
        {user.demo && (
          <Tag color="gold" style={{ fontWeight: 600 }}>
            演示模式
          </Tag>
        )}
        <nav className="xf-header-nav">
          {canReadOrgs && (
            <Link to="/admin" className={section === 'orgs' ? 'active' : undefined}>
              组织架构
            </Link>
          )}
          {canReadMembers && (
            <Link to="/admin/members" className={section === 'members' ? 'active' : undefined}>
              党员管理
            </Link>
          )}
          {canReadLife && (
            <Link to="/admin/compliance" className={section === 'life' ? 'active' : undefined}>
              组织生活
            </Link>
          )}
          {canReadAccounts && (
            <Link to="/admin/accounts" className={section === 'accounts' ? 'active' : undefined}>
              账号管理
            </Link>
          )}
          {canReadAudit && (
            <Link to="/admin/audit" className={section === 'audit' ? 'active' : undefined}>
              审计日志
            </Link>
          )}
        </nav>
        <div className="xf-header-user">
          <NotificationBell active={section === 'notifications'} />
          <UserOutlined />
          <span data-testid="display-name">{user.displayName ?? user.username}</span>
          <Space size={4}>
            {user.roles.map((r: Role) => (
              <Tag key={r} color="rgba(255,255,255,0.18)" style={{ color: '#fff', borderColor: 'rgba(255,255,255,0.4)' }}>
                {roleLabels[r].zh}
              </Tag>
            ))}
          </Space>
          <Tooltip title="退出登录">
            <Button ghost size="small" icon={<LogoutOutlined />} loading={out.isPending} onClick={() => out.mutate()}>
              退出
            </Button>
          </Tooltip>
        </div>
      </Layout.Header>
      {user.permissions.length === 0 && section !== 'notifications' ? (
        <Result
          status="info"
          title="党员请使用手机端"
          subTitle="您的账号是党员账号，可以在手机端查看本人档案。"
          extra={
            <a href="/m">
              <Button type="primary">打开党员服务（H5）</Button>
            </a>
          }
        />
      ) : (
        <Layout>
          {canReadOrgs && section !== 'accounts' && section !== 'audit' && (
            <Layout.Sider width={340} className="xf-sider" theme="light">
              <OrgSider />
            </Layout.Sider>
          )}
          <Layout.Content className="xf-content">
            <Outlet />
          </Layout.Content>
        </Layout>
      )}
    </Layout>
  );
}
