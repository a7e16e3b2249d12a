import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Select, Space, Spin, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { duesCategoryLabels } from '@xianfeng/contracts/dues/dues.enums';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { duesKeys, getMemberDues, memberLedgerUrl, type PaymentView } from '../api';
import { formatBasisPoints, formatFen } from '../money';
import { currentYear, monthText } from '../months';
import { ArrearsReasonModal, type ReasonTarget } from './ArrearsReasonModal';
import { BaseDeclareModal } from './BaseDeclareModal';
import { DocDownloads } from './DocDownloads';
import { MemberBasesTable, MemberBillsTable } from './MemberDuesTables';
import { OpeningModal } from './OpeningModal';
import { PaymentModal, type PaymentTarget } from './PaymentModal';
import { PaymentTable } from './PaymentTable';
import { ReverseModal } from './ReverseModal';
import { ArrearsTag } from './tags';

type Dialog = 'base' | 'opening' | null;

/** 个人党费 (the member file's 党费 tab): 党费交至 first, then the base, the year's bills and payments. */
export function MemberDuesPanel({ memberId }: { memberId: string }) {
  const me = useMe().data;
  const canCollect = hasPermission(me, 'dues.collect');
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [paying, setPaying] = useState<PaymentTarget | null>(null);
  const [reversing, setReversing] = useState<PaymentView | null>(null);
  const [reason, setReason] = useState<ReasonTarget | null>(null);
  const q = useQuery({ queryKey: duesKeys.member(memberId, year), queryFn: () => getMemberDues(memberId, year), retry: false });

  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.isError) return <Alert type="error" showIcon title="无法加载党费信息" description={errorMessage(q.error)} />;
  const d = q.data;
  const base = d.currentBase;
  const oldestUnpaid = d.bills.filter((b) => b.status === 'unpaid' || b.status === 'partial').map((b) => b.month).sort()[0];

  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="member-dues">
      <Card>
        <Row gutter={24} align="middle">
          <Col flex="260px">
            <Statistic title="党费交至" value={d.paidUntil ? monthText(d.paidUntil) : '尚无交纳记录'} styles={{ content: { fontSize: 32, fontWeight: 700, color: '#b71c1c' } }} data-testid="paid-until" />
          </Col>
          <Col flex="180px">
            <Statistic title="每月应交" value={d.currentMonthlyFen === null ? '未核定基数' : formatFen(d.currentMonthlyFen)} />
          </Col>
          <Col flex="200px">
            <Statistic title={`欠交（${d.unpaidMonths} 个月）`} value={formatFen(d.owedFen)} styles={d.owedFen > 0 ? { content: { color: '#cf1322' } } : undefined} />
          </Col>
          <Col flex="160px">
            <Statistic title="预交余额" value={formatFen(d.creditFen)} />
          </Col>
          <Col flex="auto">{d.arrearsLevel !== 'none' && <ArrearsTag level={d.arrearsLevel} />}</Col>
        </Row>
      </Card>
      <Card
        title="计算基数"
        extra={
          canCollect && (
            <Space wrap>
              <Button type="primary" onClick={() => setDialog('base')} data-testid="declare-base">
                申报计算基数
              </Button>
              <Button onClick={() => setDialog('opening')}>登记党费交至</Button>
              <Button onClick={() => setPaying({ kind: 'member', orgId: d.orgId, memberId: d.memberId })}>登记交纳</Button>
              <Button onClick={() => setReason({ memberId: d.memberId, name: d.name, fromMonth: oldestUnpaid })}>
                登记未交正当理由
              </Button>
            </Space>
          )
        }
      >
        {base ? (
          <Descriptions column={3} size="small">
            <Descriptions.Item label="党费类别">{duesCategoryLabels[base.duesCategory]}</Descriptions.Item>
            <Descriptions.Item label="比例">{base.rateBasisPoints === null ? '定额' : formatBasisPoints(base.rateBasisPoints)}</Descriptions.Item>
            <Descriptions.Item label="生效月份">{monthText(base.effectiveMonth)}</Descriptions.Item>
            <Descriptions.Item label="计算基数">{base.baseFen === null ? '（仅本人可见）' : formatFen(base.baseFen)}</Descriptions.Item>
            <Descriptions.Item label="每月应交">{d.currentMonthlyFen === null ? '—' : formatFen(d.currentMonthlyFen)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Alert type="warning" showIcon title="尚未核定计算基数：没有基数的月份不会生成账单。请申报计算基数。" />
        )}
      </Card>
      <Card
        title={`${year} 年账单与交纳`}
        extra={
          <Space wrap>
            <Select aria-label="年份" value={year} style={{ width: 110 }} options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))} onChange={setYear} />
            <DocDownloads label="个人党费台账" testId="member-ledger" url={(f) => memberLedgerUrl(memberId, year, f)} fileName={`党费台账-${d.name}-${year}`} />
          </Space>
        }
      >
        <Typography.Title level={5}>账单</Typography.Title>
        <MemberBillsTable bills={d.bills} />
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          交纳记录
        </Typography.Title>
        <PaymentTable rows={d.payments} showMember={false} onReverse={canCollect ? setReversing : undefined} />
      </Card>
      <Card title="计算基数申报记录">
        <MemberBasesTable bases={d.bases} />
      </Card>
      <BaseDeclareModal open={dialog === 'base'} dues={d} rule={d.baseRule} onClose={() => setDialog(null)} />
      <OpeningModal open={dialog === 'opening'} dues={d} onClose={() => setDialog(null)} />
      <PaymentModal target={paying} onClose={() => setPaying(null)} />
      <ReverseModal payment={reversing} onClose={() => setReversing(null)} />
      <ArrearsReasonModal target={reason} onClose={() => setReason(null)} />
    </div>
  );
}
