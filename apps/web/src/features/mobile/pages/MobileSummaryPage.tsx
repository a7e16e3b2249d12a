import { Alert, Card, Col, Row, Statistic, Table, Typography, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import type { MobileCounts } from '@xianfeng/contracts/mobile/mobile.schemas';
import { errorMessage } from '@/lib/http';
import { DuesOrgPicker } from '../../dues/components/DuesOrgPicker';
import { getSummary, mobileKeys, type MobileSummaryView } from '../api';

type Row = { orgId: string; orgName: string; kind: string; counts: MobileCounts; direct?: boolean };
const n = (k: keyof MobileCounts) => (_: unknown, r: Row) => r.counts[k];

/**
 * /admin/mobile/summary — 统计: the picked organisation's registries, one row per child organisation (its whole
 * subtree), so each level sees its own figures and where they come from; a child's name drills down.
 */
export function MobileSummaryPage() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const pick = (id: string) => setParams((p) => (p.set('org', id), p), { replace: true });
  const q = useQuery({ queryKey: mobileKeys.summary(orgId ?? ''), queryFn: () => getSummary(orgId!), enabled: !!orgId, retry: false });
  const s: MobileSummaryView | undefined = q.data;
  const rows: Row[] = s ? [...s.children, ...(Object.values(s.direct).some((v) => v > 0) ? [{ orgId: s.orgId, orgName: `${s.orgName}（本级）`, kind: '', counts: s.direct, direct: true }] : [])] : [];

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          流动党员统计
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={pick} />
      </Space>
      {q.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(q.error)} />}
      {s && (
        <>
          <Row gutter={16}>
            {(
              [
                ['外出流动', s.totals.away],
                ['失去联系', s.totals.lostContact],
                ['应转接组织关系', s.totals.transferDue],
                ['汇报逾期', s.totals.reportDue],
                ['已开具活动证', s.totals.certificates],
                ['流入党员', s.totals.inflowHosted],
              ] as const
            ).map(([title, value]) => (
              <Col key={title} xs={12} md={4}>
                <Card size="small">
                  <Statistic title={title} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">
            提醒口径：相对固定地点满 {s.settings.fixedPlaceTransferMonths} 个月应转接（第二十五条），{s.settings.lostContactMonths} 个月未联系（第二十四条），{s.settings.reportIntervalMonths} 个月未汇报。
          </Typography.Text>
          <Table<Row>
            data-testid="mobile-summary"
            rowKey={(r) => (r.direct ? 'direct' : r.orgId)}
            size="middle"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '党组织', dataIndex: 'orgName', render: (name: string, r) => (r.direct ? name : <Link to={`/admin/mobile/summary?org=${r.orgId}`} onClick={() => pick(r.orgId)}>{name}</Link>) },
              { title: '类型', dataIndex: 'kind', width: 110, render: (k: string) => (k ? orgKindLabels[k as keyof typeof orgKindLabels] : '') },
              { title: '外出流动', key: 'away', width: 90, render: n('away') },
              { title: '失去联系', key: 'lost', width: 90, render: n('lostContact') },
              { title: '应转接', key: 'td', width: 80, render: n('transferDue') },
              { title: '汇报逾期', key: 'rd', width: 90, render: n('reportDue') },
              { title: '已返回', key: 'ret', width: 80, render: n('returned') },
              { title: '已转出', key: 'tr', width: 80, render: n('transferred') },
              { title: '活动证', key: 'cert', width: 80, render: n('certificates') },
              { title: '流入党员', key: 'in', width: 90, render: n('inflowHosted') },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  合计
                </Table.Summary.Cell>
                {(['away', 'lostContact', 'transferDue', 'reportDue', 'returned', 'transferred', 'certificates', 'inflowHosted'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 2}>
                    {s.totals[k]}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </div>
  );
}
