import { Badge } from 'antd';
import { useTransferInbox } from '../api';

/** The header's 组织关系转接 entry shows how many steps wait on the caller; red when any is overdue. */
export function TransferNavBadge() {
  const inbox = useTransferInbox();
  const counts = inbox.data?.counts;
  if (!counts || counts.todo === 0) return null;
  return (
    <Badge
      count={counts.todo}
      overflowCount={99}
      size="small"
      color={counts.overdue > 0 ? '#ff4d4f' : '#fff'}
      style={{ marginInlineStart: 6, color: counts.overdue > 0 ? '#fff' : '#b71c1c', boxShadow: 'none' }}
      title={counts.overdue > 0 ? `待办 ${counts.todo}，其中超时 ${counts.overdue}` : `待办 ${counts.todo}`}
      data-testid="transfer-nav-badge"
    />
  );
}
