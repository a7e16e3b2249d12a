import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Form, Input } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { getMe, login, meKey } from '@/features/auth/api';
import { m } from '@/features/transfer/components/mobile/styles';
import { rememberIdNumber } from './api';

const big = { '--font-size': '20px' } as React.CSSProperties;

/** 申请人登录 (H5, public): the ID number and the password set at registration. */
export function ApplicantLoginPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (v: { idNumber: string; password: string }) => {
      await login({ username: v.idNumber.trim(), password: v.password });
      rememberIdNumber(v.idNumber);
      return queryClient.fetchQuery({ queryKey: meKey, queryFn: getMe, staleTime: 0 });
    },
    onSuccess: () => void navigate('/m/apply', { replace: true }),
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <div className="xfm-page">
      <div className="xfm-banner">
        <h1>★ 申请入党 · 登录</h1>
        <p>用注册时的身份证号和密码登录</p>
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
        onFinish={(v: { idNumber: string; password: string }) => {
          setError(null);
          mutation.mutate(v);
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending} style={m.big} data-testid="applicant-login-submit">
            登录
          </Button>
        }
      >
        <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, whitespace: true, message: '请输入身份证号' }]}>
          <Input placeholder="18 位身份证号码" maxLength={18} autoComplete="username" clearable style={big} />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input placeholder="请输入密码" type="password" autoComplete="current-password" clearable style={big} />
        </Form.Item>
      </Form>
      <div style={{ margin: '8px 12px' }}>
        <Link to="/m/apply/register" style={{ ...m.link, margin: 0, fontSize: 19, textAlign: 'center' }} data-testid="to-register">
          还没有账号？注册申请入党
        </Link>
        <Link to="/m/login" style={{ ...m.link, margin: '12px 0 0', fontSize: 18, textAlign: 'center', color: '#555' }}>
          党员请从这里登录
        </Link>
      </div>
      <p className="xfm-note">忘记密码请联系您申请的党支部。</p>
    </div>
  );
}
