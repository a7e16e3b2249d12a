import { useState } from 'react';
import { Alert, App, Button, Select, Space, Typography } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { billStatusLabels, billStatuses, type BillStatus } from '@xianfeng/contracts/dues/dues.enums';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { duesKeys, generateBills, listBills, type GenerateView } from '../api';
import { BillTable } from '../components/BillTable';
import { DuesOrgPicker } from '../components/DuesOrgPicker';
import { GenerateResult } from '../components/GenerateResult';
import { MonthPicker } from '../components/MonthPicker';
import { PaymentModal, type PaymentTarget } from '../components/PaymentModal';
import { useDuesParams } from '../use-dues-params';
import { monthText } from '../months';

/**
 * /admin/dues — 党费账单 of an organisation's subtree for a month: generate the month's bills from each
 * member's base (back-billed months included), then record what members pay, bill by bill or by member.
 */
export function DuesBillListPage() {
  const { orgId, month, set } = useDuesParams();
  const me = useMe().data;
  const canCollect = hasPermission(me, 'dues.collect');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<BillStatus | undefined>(undefined);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [generated, setGenerated] = useState<GenerateView | null>(null);
  const [target, setTarget] = useState<PaymentTarget | null>(null);

  const query = { orgId: orgId ?? '', month, status, ...paging };
  const bills = useQuery({ queryKey: duesKeys.bills(query), queryFn: () => listBills(query), enabled: !!orgId, placeholderData: keepPreviousData, retry: false });
  const generate = useMutation({
    mutationFn: () => generateBills(orgId!, month),
    onSuccess: async (r) => {
      setGenerated(r);
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space size={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            党费账单
          </Typography.Title>
          <DuesOrgPicker value={orgId} onChange={(id) => (set({ org: id }), setGenerated(null), setPaging((p) => ({ ...p, page: 1 })))} />
          <MonthPicker value={month} onChange={(m) => (set({ month: m }), setGenerated(null), setPaging((p) => ({ ...p, page: 1 })))} />
          <Select<BillStatus>
            aria-label="账单状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 130 }}
            value={status}
            options={billStatuses.map((s) => ({ value: s, label: billStatusLabels[s] }))}
            onChange={(s) => (setStatus(s), setPaging((p) => ({ ...p, page: 1 })))}
          />
        </Space>
        {canCollect && (
          <Space wrap>
            <Button icon={<PlusOutlined />} disabled={!orgId} onClick={() => setTarget({ kind: 'member', orgId: orgId! })} data-testid="pay-by-member">
              按党员交纳
            </Button>
            <Button type="primary" icon={<ThunderboltOutlined />} disabled={!orgId} loading={generate.isPending} onClick={() => generate.mutate()} data-testid="generate-bills">
              生成账单
            </Button>
          </Space>
        )}
      </Space>
      <Typography.Text type="secondary">
        按每名党员核定的计算基数和比例生成{monthText(month)}的账单（在职、离退休等按比例，学生、农民等定额）；此前未生成的月份在规定的补交月数内一并生成。同一月份重复生成不会重复出账。
      </Typography.Text>
      {!orgId && <Alert type="info" showIcon title="请先在上方选择一个党组织" />}
      {generated && <GenerateResult r={generated} onClose={() => setGenerated(null)} />}
      {bills.error && <Alert type="error" showIcon title="无法加载账单" description={errorMessage(bills.error)} />}
      {orgId && (
        <BillTable
          data={bills.data}
          loading={bills.isFetching}
          onPage={(page, pageSize) => setPaging({ page, pageSize })}
          onPay={canCollect ? (b) => setTarget({ kind: 'bills', bills: [b] }) : undefined}
          onPayByMember={canCollect ? (b) => setTarget({ kind: 'member', orgId: b.orgId, memberId: b.memberId }) : undefined}
        />
      )}
      <PaymentModal target={target} onClose={() => setTarget(null)} />
    </div>
  );
}
