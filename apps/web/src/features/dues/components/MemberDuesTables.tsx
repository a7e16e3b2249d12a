import { Table, Tag, Typography } from 'antd';
import type { BaseView, BillView } from '../api';
import { formatFen } from '../money';
import { monthText } from '../months';
import { BillStatusTag, categoryShort, Money, rateText } from './tags';

/** One member's bills of the year, month by month. */
export function MemberBillsTable({ bills }: { bills: BillView[] }) {
  return (
    <Table<BillView>
      data-testid="member-bills"
      rowKey="id"
      size="small"
      dataSource={bills}
      pagination={false}
      locale={{ emptyText: '本年度没有账单' }}
      columns={[
        { title: '月份', dataIndex: 'month', width: 110, render: (m: string) => monthText(m) },
        { title: '党费类别', dataIndex: 'duesCategory', width: 120, render: (c: BillView['duesCategory']) => categoryShort(c) },
        { title: '比例', dataIndex: 'rateBasisPoints', width: 80, render: (bp: number | null, b) => rateText(b.duesCategory, bp) },
        {
          title: '应交',
          dataIndex: 'amountFen',
          align: 'right',
          render: (fen: number, b) => (
            <>
              {b.reductionId && <Tag color="purple">减免（原 {formatFen(b.standardFen)}）</Tag>}
              {b.capped && <Tag color="blue">封顶</Tag>}
              <Money fen={fen} />
            </>
          ),
        },
        { title: '已交', dataIndex: 'paidFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { title: '状态', dataIndex: 'status', width: 100, render: (s: BillView['status']) => <BillStatusTag status={s} /> },
      ]}
    />
  );
}

/** The member's declarations, newest first. The base itself is shown only to the member (null for staff). */
export function MemberBasesTable({ bases }: { bases: BaseView[] }) {
  return (
    <Table<BaseView>
      rowKey="id"
      size="small"
      dataSource={[...bases].sort((a, b) => (a.effectiveMonth < b.effectiveMonth ? 1 : -1))}
      pagination={false}
      locale={{ emptyText: '尚未申报计算基数' }}
      columns={[
        { title: '生效月份', dataIndex: 'effectiveMonth', width: 110, render: (m: string) => monthText(m) },
        { title: '党费类别', dataIndex: 'duesCategory', render: (c: BaseView['duesCategory']) => categoryShort(c) },
        { title: '比例', dataIndex: 'rateBasisPoints', width: 80, render: (bp: number | null, b) => rateText(b.duesCategory, bp) },
        { title: '每月（未封顶）', dataIndex: 'standardFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { title: '计算基数', dataIndex: 'baseFen', align: 'right', render: (fen: number | null) => (fen === null ? <Typography.Text type="secondary">仅本人可见</Typography.Text> : <Money fen={fen} />) },
        { title: '申报', key: 'by', render: (_: unknown, b) => <Typography.Text type="secondary">{b.declaredBy ?? ''} {b.declaredAt.slice(0, 10)}</Typography.Text> },
      ]}
    />
  );
}
