import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, Modal, Progress, Row, Space, Statistic, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { setPlan, type BoardView } from '../api';

function PlanModal({ board, onClose }: { board: BoardView; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [planned, setPlanned] = useState<number | null>(board.plan.planned);
  const save = useMutation({
    mutationFn: () => setPlan(board.org.id, board.year, planned ?? 0),
    onSuccess: async () => {
      void message.success('发展计划已保存');
      await queryClient.invalidateQueries({ queryKey: ['development', 'board'] });
      onClose();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  return (
    <Modal open title={`${board.org.name} ${board.year} 年发展党员计划`} okText="保存" cancelText="取消" confirmLoading={save.isPending} onOk={() => save.mutate()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">计划数覆盖本组织及下级组织；实际数按上级党委批准为预备党员（第 17 环节）的日期计入当年。</Typography.Paragraph>
      <Space.Compact>
        <InputNumber aria-label="计划发展人数" min={0} max={100000} precision={0} value={planned} onChange={(v) => setPlanned(v)} style={{ width: 160 }} data-testid="plan-input" />
        <Button disabled>人</Button>
      </Space.Compact>
    </Modal>
  );
}

const red = { color: '#cf1322' };
const orange = { color: '#d46b08' };

/**
 * The figures an upper level reads first: this year's plan against those admitted, the share of new members
 * aged 35 and under, and how many time limits are due soon or already past.
 */
export function BoardFigures({ board, canPlan }: { board: BoardView; canPlan: boolean }) {
  const [editing, setEditing] = useState(false);
  const { plan, youth, deadlines } = board;
  return (
    <Row gutter={[16, 16]} data-testid="board-figures">
      <Col xs={24} md={12} xl={6}>
        <Card size="small" data-testid="figure-plan">
          <Statistic title={`${board.year} 年发展党员（已批准 / 计划）`} value={plan.actual} suffix={plan.planned === null ? '/ 未定计划' : `/ ${plan.planned}`} />
          {plan.planned !== null && plan.planned > 0 && <Progress percent={Math.min(100, Math.round((plan.actual / plan.planned) * 100))} size="small" />}
          <Typography.Text type={plan.planMissing ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
            {plan.planMissing ? `应于 ${plan.planDueOn} 前制定计划，尚未制定` : plan.remaining !== null ? `尚余 ${plan.remaining} 名，${plan.quotaDueOn} 前完成` : `计划应于 ${plan.planDueOn} 前制定`}
          </Typography.Text>
          {canPlan && (
            <div>
              <Button size="small" type="link" icon={<EditOutlined />} style={{ padding: 0 }} onClick={() => setEditing(true)} data-testid="edit-plan">
                设置计划
              </Button>
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" data-testid="figure-youth">
          <Statistic title={`本年发展 ${youth.age} 岁及以下占比`} value={youth.percent === null ? '—' : youth.percent} precision={youth.percent === null ? undefined : 1} suffix={youth.percent === null ? '' : '%'} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {youth.youth} / {youth.approved} 人（按批准之日的年龄）
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} xl={6}>
        <Card size="small" data-testid="figure-due-soon">
          <Statistic title={`${deadlines.dueSoonDays} 天内到期的时限`} value={deadlines.dueSoon} styles={{ content: deadlines.dueSoon ? orange : undefined }} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            在办 {board.open} 人
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} xl={6}>
        <Card size="small" data-testid="figure-overdue">
          <Statistic title="已超期的时限" value={deadlines.overdue} styles={{ content: deadlines.overdue ? red : undefined }} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            越过规定办理 {board.overrides.count} 次
          </Typography.Text>
        </Card>
      </Col>
      {editing && <PlanModal board={board} onClose={() => setEditing(false)} />}
    </Row>
  );
}
