import { useEffect } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, Row, Statistic, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgKindLabels, type OrgKind } from '@xianfeng/contracts/org/org.enums';
import { errorMessage } from '@/lib/http';
import { collectionSheetUrl, duesKeys, getCollection, type CollectionFigures } from '../api';
import { formatBasisPoints, formatFen } from '../money';
import { monthText } from '../months';
import { CollectionRate } from './CollectionRate';
import { DocDownloads } from './DocDownloads';
import { Money } from './tags';

export interface Crumb {
  orgId: string;
  orgName: string;
}

/**
 * 收缴情况 of one month: the organisation's figures and each child's, a child opens its own (drill-down),
 * the breadcrumb goes back up. `path` is the trail from the picked organisation down to the one on screen.
 */
export function CollectionDrilldown({ path, month, onPath }: { path: Crumb[]; month: string; onPath: (p: Crumb[]) => void }) {
  const here = path[path.length - 1]!;
  const q = useQuery({ queryKey: duesKeys.collection(here.orgId, month), queryFn: () => getCollection(here.orgId, month), placeholderData: keepPreviousData, retry: false });
  const c = q.data;
  // A trail starts with the picked organisation's id only: its name comes with the first answer.
  useEffect(() => {
    if (c && c.orgId === here.orgId && !here.orgName) onPath(path.map((p, i) => (i === path.length - 1 ? { ...p, orgName: c.orgName } : p)));
  }, [c]);

  return (
    <Card
      title={`${monthText(month)}收缴情况`}
      extra={<DocDownloads label="收缴情况表" testId="collection-sheet" url={(f) => collectionSheetUrl(here.orgId, month, f)} fileName={`党费收缴情况-${month}`} />}
      data-testid="dues-collection"
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={path.map((p, i) => ({
          key: p.orgId,
          title:
            i < path.length - 1 ? (
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onPath(path.slice(0, i + 1))}>
                {p.orgName || '…'}
              </Button>
            ) : (
              p.orgName || '…'
            ),
        }))}
      />
      {q.error && <Alert type="error" showIcon title="无法加载收缴情况" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      {c && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={5}>
              <Statistic title="应交账单" value={c.bills} suffix="张" />
            </Col>
            <Col span={5}>
              <Statistic title="已交清" value={c.settledBills} suffix="张" />
            </Col>
            <Col span={5}>
              <Statistic title="应交金额" value={formatFen(c.amountFen)} />
            </Col>
            <Col span={5}>
              <Statistic title="已交金额" value={formatFen(c.paidFen)} />
            </Col>
            <Col span={4}>
              <Statistic title="收缴率" value={c.rateBasisPoints === null ? '—' : formatBasisPoints(c.rateBasisPoints)} data-testid="collection-rate" />
            </Col>
          </Row>
          <Table<CollectionFigures>
            rowKey="orgId"
            size="middle"
            loading={q.isFetching}
            dataSource={c.children}
            pagination={c.children.length > 50 ? { pageSize: 50 } : false}
            locale={{ emptyText: '没有下级党组织' }}
            columns={[
              {
                title: '下级党组织',
                dataIndex: 'orgName',
                render: (name: string, r) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => onPath([...path, { orgId: r.orgId, orgName: r.orgName }])} title="查看下级的收缴情况">
                    {name}
                  </Button>
                ),
              },
              { title: '类型', dataIndex: 'orgKind', width: 110, render: (k: string) => orgKindLabels[k as OrgKind] ?? k },
              { title: '账单', dataIndex: 'bills', width: 80 },
              { title: '已交清', dataIndex: 'settledBills', width: 80 },
              { title: '应交', dataIndex: 'amountFen', width: 120, align: 'right', render: (fen: number) => <Money fen={fen} /> },
              { title: '已交', dataIndex: 'paidFen', width: 120, align: 'right', render: (fen: number) => <Money fen={fen} /> },
              { title: '收缴率', dataIndex: 'rateBasisPoints', width: 240, render: (bp: number | null) => <CollectionRate bp={bp} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
