import { Alert, Button, Typography } from 'antd';
import { DEMO_PASSWORD, demoAccounts } from '../api';

/** Demo mode: every seeded account, one click fills the login form. */
export function DemoAccounts({ onPick }: { onPick: (username: string) => void }) {
  return (
    <Alert
      type="info"
      showIcon
      title="演示模式：可使用以下演示账号登录"
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            统一密码：<Typography.Text code copyable>{DEMO_PASSWORD}</Typography.Text>（点击账号自动填入）
          </Typography.Paragraph>
          <div className="xf-demo-accounts">
            {demoAccounts.map((a) => (
              <Button key={a.username} size="small" onClick={() => onPick(a.username)} title={a.zh}>
                {a.username}
              </Button>
            ))}
          </div>
        </>
      }
    />
  );
}
