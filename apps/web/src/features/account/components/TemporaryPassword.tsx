import { Alert, Button, Space, Typography, App } from 'antd';
import { CopyOutlined } from '@ant-design/icons';

/** A temporary password, shown once: the server keeps only its hash. */
export function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const { message } = App.useApp();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon message="临时密码只显示这一次，请立即复制并通过安全渠道交给本人；关闭后无法再次查看。" />
      <div>
        账号：<Typography.Text strong>{username}</Typography.Text>
      </div>
      <Space>
        临时密码：
        <Typography.Text code style={{ fontSize: 18 }} data-testid="temporary-password">
          {password}
        </Typography.Text>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            void navigator.clipboard.writeText(password).then(
              () => void message.success('已复制'),
              () => void message.error('复制失败，请手动选择复制'),
            )
          }
        >
          复制
        </Button>
      </Space>
    </Space>
  );
}
