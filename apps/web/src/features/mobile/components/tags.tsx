import { Space, Tag } from 'antd';
import { inflowStatusLabels, mobileAlertLabels, outflowStatusLabels, type InflowStatus, type OutflowStatus } from '@xianfeng/contracts/mobile/mobile.enums';
import type { OutflowView } from '../api';

const outflowColors: Record<OutflowStatus, string> = { away: 'blue', lost_contact: 'red', returned: 'default', transferred: 'green' };
export const OutflowStatusTag = ({ status }: { status: OutflowStatus }) => <Tag color={outflowColors[status]}>{outflowStatusLabels[status]}</Tag>;

export const InflowStatusTag = ({ status }: { status: InflowStatus }) => <Tag color={status === 'hosted' ? 'blue' : 'default'}>{inflowStatusLabels[status]}</Tag>;

/**
 * What an open registration needs: 转接 due (第二十五条), long without contact (第二十四条), the yearly report
 * overdue. The system only reminds — the branch decides.
 */
export function AlertTags({ o }: { o: Pick<OutflowView, 'alerts' | 'status'> }) {
  const tags = [
    o.alerts.transferDue && (
      <Tag key="t" color="orange" data-testid="alert-transfer_due">
        {mobileAlertLabels.transfer_due}
      </Tag>
    ),
    o.alerts.lostContact && o.status !== 'lost_contact' && (
      <Tag key="l" color="red" data-testid="alert-lost_contact">
        {mobileAlertLabels.lost_contact}
      </Tag>
    ),
    o.alerts.reportDue && (
      <Tag key="r" color="gold" data-testid="alert-report_due">
        {mobileAlertLabels.report_due}
      </Tag>
    ),
  ].filter(Boolean);
  return tags.length ? <Space size={4} wrap>{tags}</Space> : null;
}
