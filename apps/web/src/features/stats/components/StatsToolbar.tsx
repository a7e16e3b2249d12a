import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge, Breadcrumb, Button, DatePicker, Select, Space, Tag, Tooltip } from 'antd';
import { DesktopOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrgTreeNode } from '@xianfeng/contracts/org/org.schemas';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { fromDayjs, toDayjs } from '@/lib/dates';
import { useDebounced } from '@/lib/use-debounced';
import { getOrg, orgKeys, searchOrgDirectory } from '@/features/org/api';
import { screenPath, statsPath } from '../paths';

interface Props {
  orgId: string;
  orgName: string;
  roots: OrgTreeNode[];
  asOf: string | null;
  live: boolean;
  onAsOf: (asOf: string | null) => void;
}

/**
 * Where the figures are of (breadcrumb from the caller's covered root, so going up never leaves the scope),
 * a search to jump to any org, the date (empty = now, live), and the big screen for this org.
 */
export function StatsToolbar({ orgId, orgName, roots, asOf, live, onAsOf }: Props) {
  const navigate = useNavigate();
  const org = useQuery({ queryKey: orgKeys.view(orgId), queryFn: () => getOrg(orgId) });
  const rootIds = new Set(roots.map((r) => r.id));
  const chain = [...(org.data?.ancestors ?? []), { id: orgId, name: org.data?.name ?? orgName }];
  const start = chain.findIndex((c) => rootIds.has(c.id));
  const crumbs = start >= 0 ? chain.slice(start) : chain.slice(-1);

  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({ queryKey: orgKeys.directory(q), queryFn: () => searchOrgDirectory(q, 1, 20), enabled: q.length > 0, placeholderData: keepPreviousData });

  return (
    <div className="xf-stats-toolbar">
      <Breadcrumb
        data-testid="stats-breadcrumb"
        items={crumbs.map((c, i) => ({
          key: c.id,
          title: i === crumbs.length - 1 ? <strong>{c.name}</strong> : <Link to={statsPath(c.id, asOf)}>{c.name}</Link>,
        }))}
      />
      <Space wrap size={8} style={{ marginLeft: 'auto' }}>
        {roots.length > 1 && (
          <Select
            aria-label="管辖范围"
            style={{ width: 220 }}
            value={rootIds.has(orgId) ? orgId : null}
            placeholder="管辖范围"
            options={roots.map((r) => ({ value: r.id, label: r.name }))}
            onChange={(id: string) => void navigate(statsPath(id, asOf))}
          />
        )}
        <Select
          aria-label="查找党组织"
          style={{ width: 240 }}
          placeholder="查找党组织"
          suffixIcon={<SearchOutlined />}
          showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: false }}
          value={null}
          options={(q ? (found.data?.items ?? []) : []).map((o) => ({ value: o.id, label: `${o.name}（${orgKindLabels[o.kind]}）` }))}
          notFoundContent={q ? (found.isFetching ? '正在搜索…' : '没有找到匹配的党组织') : '请输入名称或编码'}
          popupMatchSelectWidth={380}
          onChange={(id: string | null) => {
            if (!id) return;
            setText('');
            void navigate(statsPath(id, asOf));
          }}
        />
        <DatePicker
          aria-label="统计日期"
          placeholder="今天（实时）"
          value={toDayjs(asOf)}
          allowClear
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => onAsOf(fromDayjs(d))}
        />
        {asOf ? (
          <Tag color="blue" data-testid="stats-mode">
            历史数据 · 截至 {asOf}
          </Tag>
        ) : (
          <Tooltip title={live ? '数据变化时自动刷新' : '实时连接已断开，每分钟刷新一次'}>
            <Badge status={live ? 'processing' : 'default'} text={live ? '实时' : '定时刷新'} data-testid="stats-mode" />
          </Tooltip>
        )}
        <Button icon={<DesktopOutlined />} href={screenPath(orgId)} target="_blank" data-testid="open-screen">
          大屏
        </Button>
      </Space>
    </div>
  );
}
