import { useState, type ReactNode } from 'react';
import { Alert, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listReportIns, reportInKeys, type ReportInQuery, type ReportInSummary } from '../api';
import { ReportInDrawer } from './ReportInDrawer';
import { hours, ReportInStatusTag } from './tags';

type Filter = Omit<ReportInQuery, 'page' | 'pageSize'>;

/**
 * Registrations, paged, in the caller's scope (the server filters: a unit sees its own, a community what reports to
 * it); a click opens the registration. `extra` adds a column of quick actions; `selection` lets rows be picked.
 */
export function ReportInTable(props: {
  filter: Filter;
  enabled?: boolean;
  show: { unit: boolean; community: boolean };
  extra?: (r: ReportInSummary) => ReactNode;
  selection?: { keys: string[]; onChange: (keys: string[]) => void };
  testId?: string;
}) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const query: ReportInQuery = { ...props.filter, ...paging };
  const list = useQuery({ queryKey: reportInKeys.list(query), queryFn: () => listReportIns(query), enabled: props.enabled ?? true, placeholderData: keepPreviousData, retry: false });
  return (
    <>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      <Table<ReportInSummary>
        data-testid={props.testId ?? 'report-in-table'}
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无报到党员' }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        {...(props.selection ? { rowSelection: { selectedRowKeys: props.selection.keys, onChange: (keys) => props.selection!.onChange(keys.map(String)) } } : {})}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: (t) => `共 ${t} 人` }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '身份证号', dataIndex: 'idNumber', width: 180 },
          ...(props.show.unit ? [{ title: '工作单位', dataIndex: 'unitName', ellipsis: true }] : []),
          ...(props.show.community ? [{ title: '报到社区', dataIndex: 'communityName', ellipsis: true }] : []),
          { title: '状态', dataIndex: 'status', width: 110, render: (_: unknown, r: ReportInSummary) => <ReportInStatusTag status={r.status} /> },
          { title: '登记', dataIndex: 'registeredOn', width: 110 },
          { title: '认领', dataIndex: 'activeClaims', width: 70 },
          { title: '已认定服务', dataIndex: 'approvedMinutes', width: 110, render: (m: number) => hours(m) },
          { title: '待审核', dataIndex: 'pendingServices', width: 80 },
          ...(props.extra ? [{ title: '操作', key: 'extra', width: 150, render: (_: unknown, r: ReportInSummary) => <span onClick={(e) => e.stopPropagation()}>{props.extra!(r)}</span> }] : []),
        ]}
      />
      <ReportInDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
