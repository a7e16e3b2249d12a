import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Form, Input } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { meKey } from '@/features/auth/api';
import { placeTransferErrors as placeErrors } from '@/features/transfer/components/server-errors';
import { m } from '@/features/transfer/components/mobile/styles';
import { registerApplicant, rememberIdNumber, type RegisterInput } from './api';

const FIELDS = ['name', 'idNumber', 'phone', 'password'] as const;
const big = { '--font-size': '20px' } as React.CSSProperties;
const label = (text: string) => <span style={{ fontSize: 19, fontWeight: 600 }}>{text}</span>;

type Values = RegisterInput & { password2: string };

/**
 * 申请入党 · 注册 (H5, public): a person who is not a member makes an account to apply and follow their
 * application. They log in later with their ID number and this password. Errors stand under their field.
 */
export function ApplicantRegisterPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const me = await registerApplicant({ name: v.name.trim(), idNumber: v.idNumber.trim(), phone: v.phone.trim(), password: v.password });
      rememberIdNumber(v.idNumber, v.phone);
      queryClient.setQueryData(meKey, me);
      void navigate('/m/apply', { replace: true });
    } catch (err) {
      setError(placeErrors(form, err, FIELDS, { RATE_LIMITED: 'idNumber' }).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xfm-page">
      <div className="xfm-banner">
        <h1>★ 申请入党 · 注册</h1>
        <p>注册后可以在手机上递交入党申请、查看办理进度</p>
      </div>
      <p style={{ ...m.gentle, margin: 12 }}>
        年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党（党章第一条）。
      </p>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(v) => void submit(v)}
        data-testid="register-form"
        footer={
          <>
            {error && (
              <div style={{ ...m.error, marginBottom: 12 }} role="alert">
                {error}
              </div>
            )}
            <Button block type="submit" color="primary" size="large" loading={busy} style={m.big} data-testid="register-submit">
              注册并登录
            </Button>
          </>
        }
      >
        <Form.Item name="name" label={label('姓名')} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input placeholder="与身份证一致" maxLength={50} autoComplete="name" style={big} />
        </Form.Item>
        <Form.Item name="idNumber" label={label('身份证号')} rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]} description={<span style={{ fontSize: 17, color: '#444' }}>以后用身份证号登录</span>}>
          <Input placeholder="18 位身份证号码" maxLength={18} autoComplete="username" style={big} />
        </Form.Item>
        <Form.Item name="phone" label={label('手机号')} rules={[{ required: true, pattern: /^1\d{10}$/, message: '请填写 11 位手机号' }]}>
          <Input placeholder="11 位手机号" type="tel" maxLength={11} autoComplete="tel" style={big} />
        </Form.Item>
        <Form.Item
          name="password"
          label={label('设置密码')}
          rules={[{ required: true, message: '请设置密码' }]}
          description={<span style={{ fontSize: 17, color: '#444' }}>至少 8 位，含大写字母、小写字母、数字、符号中的至少 3 类；不要用生日或手机号</span>}
        >
          <Input type="password" autoComplete="new-password" style={big} />
        </Form.Item>
        <Form.Item
          name="password2"
          label={label('再输一遍密码')}
          dependencies={['password']}
          rules={[
            { required: true, message: '请再输一遍密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一样'))),
            }),
          ]}
        >
          <Input type="password" autoComplete="new-password" style={big} />
        </Form.Item>
      </Form>
      <div style={{ margin: '8px 12px' }}>
        <Link to="/m/apply/login" style={{ ...m.link, margin: 0, fontSize: 19, textAlign: 'center' }} data-testid="to-applicant-login">
          已经注册？用身份证号登录
        </Link>
      </div>
      <p className="xfm-note">您的身份证号和手机号加密保存，只有您申请的党支部和上级党组织能看到。</p>
    </div>
  );
}
