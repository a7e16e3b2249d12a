import { Link } from 'react-router';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { paymentMethodLabels } from '@xianfeng/contracts/dues/dues.enums';
import { formatInstant } from '@/lib/dates';
import type { PaymentView } from '../api';
import { formatFen } from '../money';
import { monthText } from '../months';
import { Money } from './tags';

interface Props {
  rows: PaymentView[];
  loading?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number, pageSize: number) => void };
  /** 冲正; absent where the viewer cannot collect. */
  onReverse?: ((p: PaymentView) => void) | undefined;
  showMember?: boolean;
}

/** 交纳记录 (the ledger): receipt numbers, reversals in red with the minus sign, where each payment went. */
export function PaymentTable({ rows, loading, pagination = false, onReverse, showMember = true }: Props) {
  // Payments reversed already (the server names each one's reversing entry).
  const reversed = new Set(rows.filter((r) => r.reversedByPaymentId).map((r) => r.id));
  return (
    <Table<PaymentView>
      data-testid="dues-payments"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={pagination ? { ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 笔` } : false}
      scroll={{ x: 1180 }}
      onRow={(p) => (p.kind === 'reversal' ? { style: { background: '#fff1f0' } } : {})}
      locale={{ emptyText: '暂无交纳记录' }}
      columns={[
        { title: '收据号', dataIndex: 'receiptNo', width: 170, render: (no: string) => <Typography.Text style={{ fontFamily: 'monospace' }} copyable>{no}</Typography.Text> },
        { title: '交纳日期', dataIndex: 'paidOn', width: 110 },
        ...(showMember
          ? [
              {
                title: '党员',
                dataIndex: 'memberName',
                render: (name: string, p: PaymentView) => (
                  <>
                    <Link to={`/admin/members/${p.memberId}?tab=dues`}>{name}</Link>
                    {p.payerName && <Typography.Text type="secondary">（{p.payerName} 代缴）</Typography.Text>}
                  </>
                ),
              },
            ]
          : [{ title: '代缴人', dataIndex: 'payerName', width: 100, render: (n: string | null) => n ?? '—' }]),
        { title: '金额', dataIndex: 'amountFen', width: 120, align: 'right' as const, render: (fen: number) => <Money fen={fen} strong /> },
        {
          title: '方式',
          dataIndex: 'method',
          width: 120,
          render: (m: PaymentView['method'], p: PaymentView) => (
            <>
              {paymentMethodLabels[m]}
              {!p.moneyMoved && p.provider === 'development' && (
                <Tooltip title="开发环境：已记录交纳，未实际扣款">
                  {' '}
                  <Tag>未扣款</Tag>
                </Tooltip>
              )}
            </>
          ),
        },
        {
          title: '计入月份',
          key: 'allocations',
          width: 240,
          render: (_: unknown, p: PaymentView) => {
            const months = p.allocations.map((a) => `${monthText(a.month)} ${formatFen(a.amountFen)}`).join('；');
            if (p.kind === 'reversal') return <Typography.Text type="danger">冲正：{p.reason ?? ''}{months ? `（${months}）` : ''}</Typography.Text>;
            return months || '—';
          },
        },
        { title: '预交余额', dataIndex: 'creditFen', width: 110, align: 'right' as const, render: (fen: number) => formatFen(fen) },
        { title: '登记', key: 'recorded', width: 160, render: (_: unknown, p: PaymentView) => <Typography.Text type="secondary">{formatInstant(p.recordedAt)}{p.recordedBy ? ` ${p.recordedBy}` : ''}</Typography.Text> },
        ...(onReverse
          ? [
              {
                title: '操作',
                key: 'actions',
                width: 90,
                render: (_: unknown, p: PaymentView) =>
                  p.kind === 'reversal' ? null : reversed.has(p.id) ? (
                    <Tag>已冲正</Tag>
                  ) : (
                    <Button type="link" size="small" danger onClick={() => onReverse(p)} data-testid="reverse-payment">
                      冲正
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
