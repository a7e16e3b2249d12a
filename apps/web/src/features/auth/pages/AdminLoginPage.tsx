import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { DEMO_PASSWORD, getMe, login, meKey, useDemoHint, type LoginInput } from '../api';
import { DemoAccounts } from '../components/DemoAccounts';

/** Only same-shell paths are followed after login (no open redirect). */
export function safeNext(next: string | null, shell: '/admin' | '/m'): string {
  return next && next.startsWith(shell) && !next.startsWith('//') && !next.includes('/login') ? next : shell;
}

export function AdminLoginPage() {
  const [form] = Form.useForm<LoginInput>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const demo = useDemoHint();
  const [error, setError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: async (input: LoginInput) => {
      await login(input);
      return queryClient.fetchQuery({ queryKey: meKey, queryFn: getMe, staleTime: 0 });
    },
    onSuccess: () => {
      void navigate(safeNext(params.get('next'), '/admin'), { replace: true });
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <div className="xf-login-bg">
      <Card className="xf-login-card" variant="borderless" styles={{ body: { padding: 32 } }}>
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <div style={{ textAlign: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              <span style={{ color: '#b71c1c' }}>★</span> 先锋 · 智慧党建平台
            </Typography.Title>
            <Typography.Text type="secondary">管理端登录</Typography.Text>
            {demo && (
              <div style={{ marginTop: 8 }}>
                <Tag color="orange">演示模式</Tag>
              </div>
            )}
          </div>
          {error && <Alert type="error" showIcon title={error} role="alert" />}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            size="large"
            onFinish={(v) => {
              setError(null);
              mutation.mutate(v);
            }}
            onValuesChange={() => setError(null)}
          >
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
              登录
            </Button>
          </Form>
          {demo && <DemoAccounts onPick={(username) => form.setFieldsValue({ username, password: DEMO_PASSWORD })} />}
          <Typography.Text type="secondary" style={{ fontSize: 13, textAlign: 'center', display: 'block' }}>
            党员请使用手机访问 <a href="/m">党员服务（H5）</a>
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
