import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { meetingTypeLabels, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import { errorMessage } from '@/lib/http';
import { complianceStatusLabels, type LifePlan } from '../api';

type Proposal = LifePlan['proposals'][number];

/**
 * 本月安排建议: the fixed 组织生活日 and each meeting still required in a period that includes this month,
 * with a button that opens 计划会议 already filled in.
 */
export function LifePlanCard({
  plan,
  error,
  loading,
  canPlan,
  onPlan,
}: {
  plan: LifePlan | undefined;
  error: unknown;
  loading: boolean;
  canPlan: boolean;
  onPlan: (p: Proposal) => void;
}) {
  return (
    <Card title="本月安排建议" size="small" loading={loading && !plan} data-testid="life-plan">
      {error ? <Alert type="error" showIcon title="无法加载本月建议" description={errorMessage(error)} /> : null}
      {plan && (
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <Typography.Text>
            固定组织生活日：<Typography.Text strong style={{ color: '#b71c1c' }}>{plan.fixedDay}</Typography.Text>
          </Typography.Text>
          {plan.proposals.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月规定的组织生活都已完成" />
          ) : (
            <List
              size="small"
              dataSource={plan.proposals}
              renderItem={(p) => (
                <List.Item style={{ display: 'block', padding: '10px 0' }} data-testid="life-proposal">
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      {meetingTypeLabels[p.type as MeetingType] ?? p.type}
                    </Typography.Text>
                    <Tag color={complianceStatusLabels[p.status].color} style={{ marginInlineEnd: 0 }}>
                      {complianceStatusLabels[p.status].text}
                    </Tag>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
                    {p.period} 已开 {p.held} / 应开 {p.required} · 建议 {p.suggestedDate}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    依据：{p.source}
                  </Typography.Text>
                  {canPlan && (
                    <Button size="small" type="primary" ghost style={{ marginTop: 6 }} onClick={() => onPlan(p)}>
                      按建议计划
                    </Button>
                  )}
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
