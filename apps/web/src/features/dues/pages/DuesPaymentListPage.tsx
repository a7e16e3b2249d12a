import { useState } from 'react';
import { Alert, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { duesKeys, listPayments, type PaymentView } from '../api';
import { DuesOrgPicker } from '../components/DuesOrgPicker';
import { MonthPicker } from '../components/MonthPicker';
import { PaymentTable } from '../components/PaymentTable';
import { ReverseModal } from '../components/ReverseModal';
import { useDuesParams } from '../use-dues-params';

/**
 * /admin/dues/payments — 交纳记录: every payment with its receipt number, newest first; a mistake is put
 * right by 冲正 (a reversing entry with a reason), never by editing — the ledger is append-only.
 */
export function DuesPaymentListPage() {
  const { orgId, params, set } = useDuesParams();
  // Unlike bills, the ledger opens on all months; ?month= narrows it.
  const month = params.get('month');
  const canCollect = hasPermission(useMe().data, 'dues.collect');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [reversing, setReversing] = useState<PaymentView | null>(null);
  const query = { orgId: orgId ?? '', month: month ?? undefined, ...paging };
  const list = useQuery({ queryKey: duesKeys.payments(query), queryFn: () => listPayments(query), enabled: !!orgId, placeholderData: keepPreviousData, retry: false });

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          交纳记录
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={(id) => (set({ org: id }), setPaging((p) => ({ ...p, page: 1 })))} />
        <MonthPicker value={month} allowClear placeholder="全部月份" onChange={(m) => (set({ month: m }), setPaging((p) => ({ ...p, page: 1 })))} />
      </Space>
      <Typography.Text type="secondary">交纳记录只增不改：登记有误时用“冲正”记一笔负数记录并写明原因，原记录保留备查。</Typography.Text>
      {list.error && <Alert type="error" showIcon title="无法加载交纳记录" description={errorMessage(list.error)} />}
      {orgId && (
        <PaymentTable
          rows={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{ current: list.data?.page ?? 1, pageSize: list.data?.pageSize ?? 20, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
          onReverse={canCollect ? setReversing : undefined}
        />
      )}
      <ReverseModal payment={reversing} onClose={() => setReversing(null)} />
    </div>
  );
}
