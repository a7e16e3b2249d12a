import { useState } from 'react';
import { Input, Segmented, Space, Typography } from 'antd';
import type { ReportInStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import { CommunitySelect } from '../components/CommunitySelect';
import { ReportInTable } from '../components/ReportInTable';
import { useCommunityParam } from '../use-community';

/** /admin/report-in/members — 已报到党员 of the community: their claims, approved service and records, by unit. */
export function MembersPage() {
  const [community, setCommunity] = useCommunityParam();
  const [status, setStatus] = useState<ReportInStatus | 'all'>('confirmed');
  const [q, setQ] = useState('');
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          已报到党员
        </Typography.Title>
        <CommunitySelect mine autoPick value={community} onChange={setCommunity} />
        <Segmented
          options={[
            { value: 'confirmed', label: '已报到' },
            { value: 'ended', label: '已结束' },
            { value: 'declined', label: '已退回' },
            { value: 'all', label: '全部' },
          ]}
          value={status}
          onChange={(v) => setStatus(v as ReportInStatus | 'all')}
        />
        <Input.Search aria-label="按姓名或报到证编号查找" placeholder="姓名或报到证编号" allowClear style={{ width: 200 }} onSearch={(v) => setQ(v.trim())} />
      </Space>
      <ReportInTable enabled={!!community} filter={{ communityOrgId: community ?? undefined, status: status === 'all' ? undefined : status, q: q || undefined }} show={{ unit: true, community: false }} />
    </div>
  );
}
