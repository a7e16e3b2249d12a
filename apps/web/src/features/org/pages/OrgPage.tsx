import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Badge, Breadcrumb, Button, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { orgDomainLabels, orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { ApiError, errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { MemberTable } from '../../member/components/MemberTable';
import { OrgSettingsTab } from '../../settings/components/OrgSettingsTab';
import { getOrg, orgKeys } from '../api';
import { OrgFormModal } from '../components/OrgFormModal';
import { OrgOverview } from '../components/OrgOverview';
import { OrgWarningAlerts } from '../components/OrgWarningAlerts';
import { SubtreeWarnings } from '../components/SubtreeWarnings';

const tabs = ['overview', 'members', 'warnings', 'settings'] as const;
type Tab = (typeof tabs)[number];

/** /admin/orgs/:id — one organisation: identity, warnings, leadership, members, subtree warnings, settings. */
export function OrgPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const [modal, setModal] = useState<'edit' | 'create' | null>(null);
  const q = useQuery({ queryKey: orgKeys.view(id), queryFn: () => getOrg(id) });

  if (q.isPending) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? '组织不存在或不在您的管理范围内' : '无法加载组织'} subTitle={errorMessage(q.error)} />;
  }
  const org = q.data;
  const tabParam = params.get('tab');
  const tab: Tab = tabs.includes(tabParam as Tab) ? (tabParam as Tab) : 'overview';
  const canWrite = hasPermission(me, 'org.write') && !org.dissolved;

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Breadcrumb
        items={[
          ...org.ancestors.map((a) => ({ key: a.id, title: <Link to={`/admin/orgs/${a.id}`}>{a.name}</Link> })),
          { key: org.id, title: org.name },
        ]}
      />
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 16 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-name">
            {org.name}
          </Typography.Title>
          <Space size={6} wrap style={{ marginTop: 8 }}>
            <Tag color="red">{orgKindLabels[org.kind]}</Tag>
            <Tag>{orgDomainLabels[org.domain]}</Tag>
            <Typography.Text type="secondary">
              统一编码 <span style={{ fontFamily: 'monospace' }}>{org.code}</span>
            </Typography.Text>
            {org.canApproveMembers && <Tag color="green">有审批权的基层党委</Tag>}
            {org.dissolved && <Tag color="default">已撤销</Tag>}
          </Space>
        </div>
        {canWrite && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setModal('edit')}>
              修改
            </Button>
            {org.kind !== 'group' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')}>
                新建下级组织
              </Button>
            )}
          </Space>
        )}
      </div>
      <OrgWarningAlerts warnings={org.warnings} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'overview', label: '概况', children: <OrgOverview org={org} /> },
          ...(hasPermission(me, 'member.read')
            ? [
                {
                  key: 'members',
                  label: `党员（${org.counts.members}）`,
                  children: <MemberTable orgId={org.id} hint="本组织及下级组织的党员" />,
                },
              ]
            : []),
          {
            key: 'warnings',
            label: (
              <Badge dot={org.warnings.length > 0} offset={[6, 0]}>
                设置预警
              </Badge>
            ),
            children: <SubtreeWarnings orgId={org.id} />,
          },
          ...(hasPermission(me, 'settings.read')
            ? [
                {
                  key: 'settings',
                  label: '参数设置',
                  children: (
                    <OrgSettingsTab orgId={org.id} canWrite={hasPermission(me, 'settings.write')} canWriteSecurity={hasPermission(me, 'security.settings.write')} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {modal && (
        <OrgFormModal
          mode={modal}
          org={org}
          open
          onClose={(createdId) => {
            setModal(null);
            if (createdId) void navigate(`/admin/orgs/${createdId}`);
          }}
        />
      )}
    </div>
  );
}
