import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Form, Input } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { getMe, login, meKey, useDemoHint, type LoginInput } from '../api';

/** H5 login: one column, large fields and button, plain words. */
export function MobileLoginPage() {
  const navigate = useNavigate();
  const next = useSearchParams()[0].get('next');
  const queryClient = useQueryClient();
  const demo = useDemoHint();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (input: LoginInput) => {
      await login({ username: input.username.trim(), password: input.password });
      return queryClient.fetchQuery({ queryKey: meKey, queryFn: getMe, staleTime: 0 });
    },
    onSuccess: () => {
      // Only our own H5 paths: a crafted ?next= must not send the member to another site.
      void navigate(next && /^\/m\/[\w/-]*(\?[\w%=&.-]*)?$/.test(next) ? next : '/m', { replace: true });
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <div className="xfm-page">
      <div className="xfm-banner">
        <h1>★ 先锋 · 党员服务</h1>
        <p>请用您的账号登录</p>
        {demo && <span className="xfm-demo">演示模式 · 账号 member1 密码 Demo@2026</span>}
      </div>
      <div className="xfm-section">
        {error && (
          <div className="xfm-error" role="alert">
            {error}
          </div>
        )}
      </div>
      <Form
        layout="vertical"
        mode="card"
        onFinish={(v: LoginInput) => {
          setError(null);
          mutation.mutate(v);
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending} style={{ minHeight: 52, fontSize: 20 }}>
            登录
          </Button>
        }
      >
        <Form.Item name="username" label="账号" rules={[{ required: true, message: '请输入账号' }]}>
          <Input placeholder="请输入账号" autoComplete="username" clearable style={{ '--font-size': '20px' }} />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input placeholder="请输入密码" type="password" autoComplete="current-password" clearable style={{ '--font-size': '20px' }} />
        </Form.Item>
      </Form>
      <p className="xfm-note">忘记密码请联系您所在党支部的书记或组织委员。</p>
      <p className="xfm-note" style={{ paddingTop: 0 }}>
        还不是党员？<Link to="/m/apply/register" data-testid="to-apply">申请入党</Link>（已注册的请<Link to="/m/apply/login">用身份证号登录</Link>）
      </p>
    </div>
  );
}
