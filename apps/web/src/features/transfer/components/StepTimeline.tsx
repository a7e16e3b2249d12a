import { Collapse, Steps, Tag, Typography } from 'antd';
import { stepRoleLabels, type StepStatus } from '@xianfeng/contracts/transfer/transfer.enums';
import { formatInstant } from '@/lib/dates';
import type { TransferStep, TransferView } from '../api';
import { stepStatusLabels } from '../format';
import { DeadlineText } from './tags';

const stepState: Record<StepStatus, 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  pending: 'process',
  approved: 'finish',
  returned: 'error',
  rejected: 'error',
  cancelled: 'wait',
};
const statusColor: Record<StepStatus, string> = { waiting: 'default', pending: 'processing', approved: 'success', returned: 'warning', rejected: 'error', cancelled: 'default' };

function StepBody({ s }: { s: TransferStep }) {
  return (
    <div style={{ display: 'grid', gap: 2, paddingBottom: 8, color: '#333' }} data-testid={`step-${s.seq}`}>
      <div>
        <Tag color={statusColor[s.status]}>{stepStatusLabels[s.status]}</Tag>
        {s.actingForOrgName && <Tag color="purple">代为办理（{s.actingForOrgName}）</Tag>}
      </div>
      {s.actor && s.at && (
        <Typography.Text type="secondary">
          {s.actor} · {formatInstant(s.at)}
        </Typography.Text>
      )}
      {s.comment && <div>意见：{s.comment}</div>}
      {s.status === 'pending' && (
        <div>
          办理时限：
          <DeadlineText step={s} />
        </div>
      )}
    </div>
  );
}

function RoundSteps({ steps, testId }: { steps: TransferStep[]; testId: string }) {
  return (
    <Steps
      orientation="vertical"
      size="small"
      data-testid={testId}
      items={steps.map((s) => ({
        key: s.seq,
        status: stepState[s.status],
        title: (
          <span>
            {s.orgName}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 400 }}>
              {stepRoleLabels[s.role]}
            </Typography.Text>
          </span>
        ),
        content: <StepBody s={s} />,
      }))}
    />
  );
}

/**
 * The current round's steps in order (who decides, what they said, by when), then the earlier rounds — a
 * 退回修改 and resubmission starts a new round — collapsed under 历史.
 */
export function StepTimeline({ transfer }: { transfer: TransferView }) {
  const rounds = [...new Set(transfer.history.map((h) => h.round))].sort((a, b) => a - b);
  return (
    <>
      <RoundSteps steps={transfer.steps} testId="transfer-steps" />
      {rounds.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'history',
              label: `历史（此前 ${rounds.length} 轮办理记录）`,
              children: rounds.map((r) => (
                <div key={r}>
                  <Typography.Text strong>第 {r} 轮</Typography.Text>
                  <RoundSteps steps={transfer.history.filter((h) => h.round === r)} testId={`history-round-${r}`} />
                </div>
              )),
            },
          ]}
        />
      )}
    </>
  );
}
