import { Link, useNavigate, useSearchParams } from 'react-router';
import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { downloadUnmaskedExport, listMembers, memberExportUrl, memberKeys, type MemberListItem, type MemberListQuery, type MemberView } from '../api';
import { categoryText, genderLabels, stateColor, stateText, statusColor, statusText, yearsSince } from '../labels';
import { MemberFilters, type MemberFilterValues } from './MemberFilters';
import { UnmaskModal } from './UnmaskModal';

const filterKeys = ['q', 'state', 'status', 'category', 'education', 'ageBand', 'gender'] as const;

interface Props {
  /** Limit to this org's subtree (org page); otherwise everyone the caller may read. */
  orgId?: string;
  hint?: string;
}

/** The member list with server-side filters and pagination; a row opens the member's file. */
export function MemberTable({ orgId, hint }: Props) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: MemberFilterValues = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined]));
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query = { ...filters, orgId, page, pageSize } as MemberListQuery;
  const q = useQuery({ queryKey: memberKeys.list(query), queryFn: () => listMembers(query), placeholderData: keepPreviousData });
  const me = useMe().data;
  const [askExportReason, setAskExportReason] = useState(false);
  const exportQuery = { ...filters, orgId } as Omit<MemberListQuery, 'page' | 'pageSize'>;

  const update = (patch: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );

  const columns: ColumnsType<MemberListItem> = [
    { title: '姓名', dataIndex: 'name', width: 110, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
    { title: '性别', dataIndex: 'gender', width: 64, render: (g: MemberView['gender']) => genderLabels[g] },
    {
      title: '出生日期（年龄）',
      dataIndex: 'birthDate',
      width: 160,
      render: (d: string) => `${d}（${yearsSince(d)} 岁）`,
    },
    { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (s: string) => <span style={{ fontFamily: 'monospace' }}>{s}</span> },
    {
      title: '党员类型',
      dataIndex: 'status',
      width: 100,
      render: (s: MemberView['status'], m) => (
        <>
          <Tag color={statusColor[s]}>{statusText(s)}</Tag>
          {m.state !== 'active' && <Tag color={stateColor[m.state]}>{stateText(m.state)}</Tag>}
        </>
      ),
    },
    { title: '管理类别', dataIndex: 'category', width: 90, render: categoryText },
    { title: '所在党组织', dataIndex: 'orgName', ellipsis: true, render: (name: string, m) => <Link to={`/admin/orgs/${m.orgId}`}>{name}</Link> },
    { title: '入党日期', dataIndex: 'joinedOn', width: 110 },
  ];

  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <MemberFilters
        values={filters}
        onChange={(patch) => update({ ...patch, page: undefined })}
        onReset={() => update({ ...Object.fromEntries(filterKeys.map((k) => [k, undefined])), page: undefined })}
      />
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={memberExportUrl(exportQuery)} data-testid="member-export">
          导出 Excel
        </Button>
        {hasPermission(me, 'member.pii.unmask') && (
          <Button icon={<DownloadOutlined />} onClick={() => setAskExportReason(true)} data-testid="member-export-unmasked">
            导出（含完整信息）
          </Button>
        )}
        {hasPermission(me, 'member.write') && (
          <Button icon={<UploadOutlined />} onClick={() => void navigate('/admin/members/import')} data-testid="member-import">
            导入 Excel
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          按当前筛选条件导出；身份证号码、手机号码、住址默认脱敏
        </Typography.Text>
      </Space>
      <UnmaskModal
        open={askExportReason}
        title="导出完整敏感信息"
        okText="确认导出"
        onConfirm={(reason) => downloadUnmaskedExport(exportQuery, reason)}
        onCancel={() => setAskExportReason(false)}
        onUnmasked={() => setAskExportReason(false)}
      />
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {hint}
        </Typography.Text>
      )}
      {q.isError && <Alert type="error" showIcon title="无法加载党员列表" description={errorMessage(q.error)} />}
      <Table<MemberListItem>
        data-testid="member-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 1000 }}
        onRow={(m) => ({ onClick: () => void navigate(`/admin/members/${m.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 名党员`,
          onChange: (p, s) => update({ page: s === pageSize ? p : 1, pageSize: s }),
        }}
      />
    </div>
  );
}
