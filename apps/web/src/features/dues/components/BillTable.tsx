import { Link } from 'react-router';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { BillPage, BillView } from '../api';
import { formatFen } from '../money';
import { monthText } from '../months';
import { BillStatusTag, categoryShort, Money, rateText } from './tags';

interface Props {
  data: BillPage | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  /** 登记交纳 for a bill still owing; absent where the viewer cannot collect. */
  onPay?: ((b: BillView) => void) | undefined;
  onPayByMember?: ((b: BillView) => void) | undefined;
}

/** 党费账单: one row a member-month, the page's totals below (for everything that matches, not just this page). */
export function BillTable({ data, loading, onPage, onPay, onPayByMember }: Props) {
  const open = (b: BillView) => b.status === 'unpaid' || b.status === 'partial';
  return (
    <Table<BillView>
      data-testid="dues-bills"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: '本月还没有账单：点“生成账单”按党员的计算基数生成' }}
      pagination={{ current: data?.page ?? 1, pageSize: data?.pageSize ?? 20, total: data?.total ?? 0, showSizeChanger: true, onChange: onPage, showTotal: (t) => `共 ${t} 张` }}
      columns={[
        {
          title: '党员',
          dataIndex: 'memberName',
          render: (name: string, b) => (
            <Link to={`/admin/members/${b.memberId}?tab=dues`} title="查看个人党费">
              {name}
            </Link>
          ),
        },
        { title: '所在支部', dataIndex: 'orgName', ellipsis: true },
        { title: '月份', dataIndex: 'month', width: 110, render: (m: string, b) => <>{monthText(m)}{b.fromAcceptance && <Tooltip title="预备党员自支部大会通过之月起补交，不受补交月数限制"> <Tag>补交</Tag></Tooltip>}</> },
        { title: '党费类别', dataIndex: 'duesCategory', width: 120, render: (c: BillView['duesCategory']) => categoryShort(c) },
        { title: '比例', dataIndex: 'rateBasisPoints', width: 80, render: (bp: number | null, b) => rateText(b.duesCategory, bp) },
        {
          title: '应交',
          dataIndex: 'amountFen',
          width: 130,
          align: 'right',
          render: (fen: number, b) => (
            <Space size={4}>
              {b.capped && <Tooltip title="超过每月上限，按上限计；多交部分自愿"><Tag color="blue">封顶</Tag></Tooltip>}
              {b.reductionId && (
                <Tooltip title={`减免前 ${formatFen(b.standardFen)}`}>
                  <Tag color="purple">减免</Tag>
                </Tooltip>
              )}
              <Money fen={fen} />
            </Space>
          ),
        },
        { title: '已交', dataIndex: 'paidFen', width: 110, align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { title: '状态', dataIndex: 'status', width: 100, render: (s: BillView['status']) => <BillStatusTag status={s} /> },
        ...(onPay
          ? [
              {
                title: '操作',
                key: 'actions',
                width: 190,
                render: (_: unknown, b: BillView) =>
                  open(b) ? (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => onPay(b)} data-testid="pay-bill">
                        登记交纳
                      </Button>
                      {onPayByMember && (
                        <Button type="link" size="small" onClick={() => onPayByMember(b)}>
                          按党员交纳
                        </Button>
                      )}
                    </Space>
                  ) : null,
              },
            ]
          : []),
      ]}
      summary={() =>
        data && data.total > 0 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              <Typography.Text strong>合计（全部 {data.total} 张）</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <Money fen={data.totals.amountFen} strong />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              <Money fen={data.totals.paidFen} strong />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} colSpan={onPay ? 2 : 1}>
              <Typography.Text type="secondary">未交 {formatFen(data.totals.amountFen - data.totals.paidFen)}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
