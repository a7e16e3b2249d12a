import { Card, Col, Descriptions, Row, Statistic, Tag } from 'antd';
import type { OrgView } from '@xianfeng/contracts/org/org.schemas';
import { orgDomainLabels, orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { LeadershipTable } from './LeadershipTable';
import { OrgChildren } from './OrgChildren';

const dash = (s: string | null | undefined) => s || '—';

/** 概况: identity, term and election, counts, leadership, children. */
export function OrgOverview({ org }: { org: OrgView }) {
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Row gutter={16}>
        {[
          { title: '党员总数', value: org.counts.members },
          { title: '正式党员', value: org.counts.fullMembers },
          { title: '预备党员', value: org.counts.probationary },
          { title: '下级组织', value: org.counts.children },
        ].map((s) => (
          <Col span={6} key={s.title}>
            <Card size="small">
              <Statistic title={s.title} value={s.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="基本信息">
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'code', label: '统一编码', children: <span style={{ fontFamily: 'monospace' }}>{org.code}</span> },
            { key: 'kind', label: '组织类型', children: orgKindLabels[org.kind] },
            { key: 'domain', label: '所属领域', children: orgDomainLabels[org.domain] },
            { key: 'short', label: '简称', children: dash(org.shortName) },
            { key: 'unit', label: '所在单位', children: dash(org.unitName) },
            { key: 'credit', label: '统一社会信用代码', children: dash(org.unitCreditCode) },
            {
              key: 'approve',
              label: '审批发展党员',
              children: org.canApproveMembers ? <Tag color="green">有审批权</Tag> : <Tag>无审批权</Tag>,
            },
            { key: 'termYears', label: '任期', children: org.termYears ? `${org.termYears} 年` : '—' },
            { key: 'termStart', label: '本届任期开始', children: dash(org.termStart) },
            { key: 'termEnd', label: '本届任期届满', children: dash(org.termEnd) },
            { key: 'election', label: '应换届日期', children: dash(org.electionDue) },
            ...(org.dissolved
              ? [{ key: 'dissolved', label: '撤销', children: `${dash(org.dissolvedOn)}（${dash(org.dissolvedReason)}）` }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title="班子成员">
        <LeadershipTable leaders={org.leadership} />
      </Card>
      <Card size="small" title={`下级组织（${org.counts.children}）`}>
        <OrgChildren orgId={org.id} />
      </Card>
    </div>
  );
}
