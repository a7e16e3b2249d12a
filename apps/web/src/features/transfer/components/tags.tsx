import { Tag, Typography } from 'antd';
import { stepRoleLabels, transferStatusLabels, type TransferStatus } from '@xianfeng/contracts/transfer/transfer.enums';
import type { TransferStep } from '../api';
import { deadlineOf, transferStatusColors } from '../format';

export const TransferStatusTag = ({ status }: { status: TransferStatus }) => (
  <Tag color={transferStatusColors[status]} data-testid="transfer-status">
    {transferStatusLabels[status]}
  </Tag>
);

/** A step's time limit: red and tagged 超时 when overdue, orange when due within two days. */
export function DeadlineText({ step }: { step: Pick<TransferStep, 'dueAt' | 'overdue' | 'status'> }) {
  if (step.status !== 'pending') return null;
  const d = deadlineOf(step.dueAt, step.overdue);
  if (!d) return <Typography.Text type="secondary">—</Typography.Text>;
  if (d.kind === 'overdue')
    return (
      <span style={{ color: '#cf1322', fontWeight: 600 }} data-testid="deadline-overdue">
        <Tag color="red" style={{ marginInlineEnd: 6 }}>
          超时
        </Tag>
        {d.text}
      </span>
    );
  return <span style={d.kind === 'soon' ? { color: '#d46b08', fontWeight: 600 } : undefined}>{d.text}</span>;
}

/** Where the transfer waits: the current step's org and role, or the transfer's own state when no step is open. */
export function CurrentStepText({ step, status }: { step: TransferStep | null; status: TransferStatus }) {
  if (!step) return <TransferStatusTag status={status} />;
  return (
    <span>
      {step.orgName}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
        {stepRoleLabels[step.role]}
      </Typography.Text>
    </span>
  );
}
