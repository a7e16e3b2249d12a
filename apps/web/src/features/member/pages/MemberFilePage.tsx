import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Result, Spin, Tabs, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { getMemberFile, memberKeys } from '../api';
import { MemberEditForm } from '../components/MemberEditForm';
import { MemberHistory } from '../components/MemberHistory';
import { MemberCareTab } from '../../notify/components/MemberCareTab';
import { MemberDuesPanel } from '../../dues/components/MemberDuesPanel';
import { MemberSummary } from '../components/MemberSummary';
import { StandingActions, SuspensionNotice } from '../components/StandingActions';
import { piiFields, UnmaskModal } from '../components/UnmaskModal';
import { categoryText, stateColor, stateText, statusColor, statusText } from '../labels';

/** /admin/members/:id — 党员电子档案: masked by default, unmask with a reason, edit, 党籍变动, 关怀设置, history. */
export function MemberFilePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const me = useMe().data;
  const [reason, setReason] = useState<string | null>(null);
  const [askReason, setAskReason] = useState(false);
  const file = useQuery({
    queryKey: memberKeys.file(id, reason),
    queryFn: () => getMemberFile(id, reason ? { fields: piiFields, reason } : undefined),
    // An unmasked read is audited: never refetch it behind the user's back, and do not keep it around.
    ...(reason ? { staleTime: Infinity, gcTime: 0 } : {}),
  });

  if (file.isPending) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  if (file.isError) {
    const notFound = file.error instanceof ApiError && file.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? '党员不存在或不在您的管理范围内' : '无法加载党员档案'} subTitle={errorMessage(file.error)} />;
  }
  const m = file.data;
  const tab = params.get('tab') ?? 'file';
  const canWrite = hasPermission(me, 'member.write');
  const canEdit = canWrite && m.state === 'active';

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Breadcrumb
        items={[
          { key: 'members', title: <Link to="/admin/members">党员管理</Link> },
          { key: 'org', title: <Link to={`/admin/orgs/${m.orgId}`}>{m.orgName}</Link> },
          { key: 'me', title: m.name },
        ]}
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-name">
          {m.name}
        </Typography.Title>
        <Tag color={statusColor[m.status]}>{statusText(m.status)}</Tag>
        <Tag color={stateColor[m.state]}>{stateText(m.state)}</Tag>
        <Tag>{categoryText(m.category)}</Tag>
        <span style={{ marginLeft: 'auto' }} />
        {canWrite && <StandingActions member={m} />}
        {hasPermission(me, 'member.pii.unmask') &&
          (reason ? (
            <Button icon={<EyeInvisibleOutlined />} onClick={() => setReason(null)}>
              恢复脱敏显示
            </Button>
          ) : (
            <Button icon={<EyeOutlined />} onClick={() => setAskReason(true)}>
              查看完整信息
            </Button>
          ))}
      </div>
      <SuspensionNotice member={m} />
      {reason && (
        <Alert
          type="warning"
          showIcon
          data-testid="unmasked-note"
          title="正在显示完整敏感信息"
          description={`查看事由：${reason}。本次查看已记入审计日志；离开本页后恢复脱敏显示。`}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'file' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'file', label: '电子档案', children: <MemberSummary m={m} /> },
          ...(canEdit
            ? [
                {
                  key: 'edit',
                  label: '修改档案',
                  children: <MemberEditForm key={`${m.version}:${m.unmasked.join(',')}`} member={m} onSaved={() => setReason(null)} />,
                },
              ]
            : []),
          ...(hasPermission(me, 'dues.read') ? [{ key: 'dues', label: '党费', children: <MemberDuesPanel memberId={m.id} /> }] : []),
          { key: 'care', label: '关怀设置', children: <MemberCareTab memberId={m.id} canEdit={hasPermission(me, 'member.write')} /> },
          { key: 'history', label: '变更记录', children: <MemberHistory memberId={m.id} /> },
        ]}
      />
      <UnmaskModal
        memberId={id}
        open={askReason}
        onCancel={() => setAskReason(false)}
        onUnmasked={(r) => {
          setAskReason(false);
          setReason(r);
        }}
      />
    </div>
  );
}
