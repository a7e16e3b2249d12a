import { Alert, Space, Typography } from 'antd';
import type { OrgWarning } from '@xianfeng/contracts/org/org.schemas';

/** Structural warnings of one organisation, each citing the regulation it comes from. */
export function OrgWarningAlerts({ warnings }: { warnings: OrgWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="org-warnings">
      {warnings.map((w) => (
        <Alert
          key={w.code}
          type={w.code === 'TERM_EXPIRED' || w.code === 'BRANCH_TOO_FEW_FULL_MEMBERS' ? 'error' : 'warning'}
          showIcon
          title={w.message}
          description={<Typography.Text type="secondary">依据：{w.article}</Typography.Text>}
        />
      ))}
    </Space>
  );
}
