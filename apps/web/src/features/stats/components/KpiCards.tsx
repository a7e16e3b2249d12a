import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Headline } from '../figures';
import { formatCount, percent } from '../labels';

interface Kpi {
  key: string;
  title: string;
  value: number;
  suffix?: string;
  note: ReactNode;
}

/** The six headline figures; each value carries a test id (`kpi-<key>`) with the bare number. */
export function KpiCards({ h }: { h: Headline }) {
  const kpis: Kpi[] = [
    { key: 'total', title: '党员总数', value: h.total, suffix: '名', note: `正式党员 ${formatCount(h.full)}` },
    { key: 'probationary', title: '预备党员', value: h.probationary, suffix: '名', note: `占 ${percent(h.probationary, h.total)}` },
    { key: 'female', title: '女党员', value: h.female, suffix: '名', note: `占 ${percent(h.female, h.total)}` },
    { key: 'minority', title: '少数民族党员', value: h.minority, suffix: '名', note: `占 ${percent(h.minority, h.total)}` },
    { key: 'up-to-35', title: '35岁及以下', value: h.upTo35, suffix: '名', note: `占 ${percent(h.upTo35, h.total)}` },
    { key: 'orgs', title: '党组织', value: h.orgs, suffix: '个', note: `其中党支部 ${formatCount(h.branches)}，另有党小组 ${formatCount(h.groups)}` },
  ];
  return (
    <Row gutter={[12, 12]}>
      {kpis.map((k) => (
        <Col key={k.key} xs={12} md={8} xl={4}>
          <Card size="small" className="xf-stats-kpi">
            <Statistic
              title={k.title}
              value={k.value}
              suffix={k.suffix}
              valueRender={() => <span data-testid={`kpi-${k.key}`}>{formatCount(k.value)}</span>}
            />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {k.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
