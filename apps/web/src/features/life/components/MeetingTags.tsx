import { Tag, Tooltip } from 'antd';
import { meetingStatusLabels, type MeetingStatus } from '@xianfeng/contracts/life/life.enums';
import { meetingStatusColors } from '../api';

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <Tag color={meetingStatusColors[status]}>{meetingStatusLabels[status]}</Tag>;
}

/**
 * 补录: the meeting was entered after it started. Always red and always with its reason, so no list or
 * upper level mistakes it for a meeting that was planned.
 */
export function LateEntryTag({ reason, full = false }: { reason: string | null; full?: boolean }) {
  const text = reason ?? '（未填写原因）';
  if (full) {
    return (
      <Tag color="red" data-testid="late-entry" style={{ whiteSpace: 'normal' }}>
        补录：{text}
      </Tag>
    );
  }
  return (
    <Tooltip title={`补录原因：${text}`}>
      <Tag color="red" data-testid="late-entry">
        补录
      </Tag>
    </Tooltip>
  );
}
