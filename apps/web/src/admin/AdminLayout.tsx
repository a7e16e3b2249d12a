import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Button, Layout, Result, Space, Spin, Tag, Tooltip } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { roleLabels, type Permission, type Role } from '@xianfeng/contracts/account/account.permissions';
import { ApiError, errorMessage } from '@/lib/http';
import { hasPermission, logout, useMe } from '../features/auth/api';
import { OrgSider } from '../features/org/components/OrgSider';
import { NotificationBell } from '../features/notify/components/NotificationBell';
import { useNotifySocket } from '../features/notify/use-notify-socket';
import { TransferNavBadge } from '../features/transfer/components/TransferNavBadge';

/** Header (who is logged in, 演示模式, unread bell, logout), the org tree on the left, the page on the right. */
/** The header's sections: where each lives, who sees it (one permission), and the paths that belong to it. */
const nav: { key: string; to: string; label: string; permission: Permission; prefixes: string[]; badge?: ReactNode }[] = [
  { key: 'orgs', to: '/admin', label: '组织架构', permission: 'org.read', prefixes: ['/admin/orgs'] },
  { key: 'stats', to: '/admin/stats', label: '统计分析', permission: 'stats.read', prefixes: ['/admin/stats'] },
  { key: 'members', to: '/admin/members', label: '党员管理', permission: 'member.read', prefixes: ['/admin/members'] },
  { key: 'life', to: '/admin/life', label: '组织生活', permission: 'life.read', prefixes: ['/admin/life', '/admin/meetings'] },
  { key: 'compliance', to: '/admin/compliance', label: '达标检查', permission: 'life.read', prefixes: ['/admin/compliance'] },
  { key: 'points', to: '/admin/points', label: '党员积分', permission: 'points.read', prefixes: ['/admin/points'] },
  { key: 'dues', to: '/admin/dues', label: '党费', permission: 'dues.read', prefixes: ['/admin/dues'] },
  { key: 'transfers', to: '/admin/transfers', label: '组织关系转接', permission: 'transfer.read', prefixes: ['/admin/transfers'], badge: <TransferNavBadge /> },
  { key: 'development', to: '/admin/development', label: '发展党员', permission: 'development.read', prefixes: ['/admin/development'] },
  { key: 'mobile', to: '/admin/mobile', label: '流动党员', permission: 'member.read', prefixes: ['/admin/mobile'] },
  { key: 'report-in', to: '/admin/report-in', label: '双报到', permission: 'member.read', prefixes: ['/admin/report-in'] },
  { key: 'accounts', to: '/admin/accounts', label: '账号管理', permission: 'account.read', prefixes: ['/admin/accounts'] },
  { key: 'audit', to: '/admin/audit', label: '审计日志', permission: 'audit.read', prefixes: ['/admin/audit'] },
];

/** Sections with their own org picker or a wide board: no org tree beside them. */
const fullWidth = ['stats', 'accounts', 'audit', 'life', 'compliance', 'points', 'dues', 'transfers', 'development', 'mobile', 'report-in'];

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
  // The section whose paths hold this page; the console's home (/admin) is the org tree.
  const section = nav.find((n) => n.prefixes.some((p) => pathname.startsWith(p)))?.key ?? (pathname.startsWith('/admin/notifications') ? 'notifications' : 'orgs');

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
          {nav
            // A work-unit admin holds no grant: its one section is 双报到 (the server scopes it to its units).
            .filter((n) => hasPermission(user, n.permission) || (n.key === 'report-in' && user.kind === 'work_unit_admin'))
            .map((n) => (
              <Link key={n.key} to={n.to} className={section === n.key ? 'active' : undefined}>
                {n.label}
                {n.badge}
              </Link>
            ))}
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
      {user.permissions.length === 0 && section !== 'notifications' && user.kind !== 'work_unit_admin' ? (
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
          {hasPermission(user, 'org.read') && !fullWidth.includes(section) && (
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
