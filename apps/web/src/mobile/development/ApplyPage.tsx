import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Form, Input, NavBar } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { placeTransferErrors as placeErrors } from '@/features/transfer/components/server-errors';
import { m } from '@/features/transfer/components/mobile/styles';
import { applyForMembership, devH5Keys, rememberedIdNumber, rememberedPhone, type ApplyInput } from './api';
import { BranchSearch } from './BranchSearch';
import { DateInput } from './DateInput';
import { todayLocal } from './format';

const FIELDS = ['orgId', 'idNumber', 'appliedOn', 'phone', 'education', 'occupation', 'workUnit'] as const;
const big = { '--font-size': '19px' } as React.CSSProperties;
const label = (text: string) => <span style={{ fontSize: 19, fontWeight: 600 }}>{text}</span>;
const educations = ['初中', '高中', '中专', '大专', '大学本科', '研究生'];

type Values = Omit<ApplyInput, 'orgId'> & { orgId: string | null };

/**
 * 递交入党申请 (H5): the branch (found by name), the date (today unless the written application was handed in
 * earlier), and a few facts about oneself. The ID number is asked again only when this visit did not start with
 * registering or logging in by it.
 */
export function ApplyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remembered = rememberedIdNumber();
  const today = todayLocal();

  const submit = async (v: Values) => {
    if (!v.orgId) return;
    setBusy(true);
    setError(null);
    try {
      const result = await applyForMembership({
        orgId: v.orgId,
        idNumber: (v.idNumber ?? remembered ?? '').trim(),
        ...(v.appliedOn ? { appliedOn: v.appliedOn } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.education?.trim() ? { education: v.education.trim() } : {}),
        ...(v.occupation?.trim() ? { occupation: v.occupation.trim() } : {}),
        ...(v.workUnit?.trim() ? { workUnit: v.workUnit.trim() } : {}),
      });
      queryClient.setQueryData(devH5Keys.myCase, result);
      void navigate('/m/apply', { replace: true });
    } catch (err) {
      setError(placeErrors(form, err, FIELDS, { DEVELOPMENT_APPLICANT_HAS_CASE: 'orgId' }).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m/apply')}>
            <LeftOutlined aria-hidden /> 返回
          </button>
        }
      >
        递交入党申请
      </NavBar>
      <div style={{ padding: '4px 4px 96px' }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ appliedOn: today, orgId: null, phone: rememberedPhone() ?? '' }}
          onFinish={(v) => void submit(v)}
          data-testid="apply-form"
          footer={
            <>
              {error && (
                <div style={{ ...m.error, marginBottom: 12 }} role="alert">
                  {error}
                </div>
              )}
              <Button block type="submit" color="primary" size="large" loading={busy} style={m.big} data-testid="apply-submit">
                递交申请
              </Button>
            </>
          }
        >
          <Form.Item name="orgId" label={label('向哪个党支部申请')} rules={[{ required: true, message: '请查找并选择党支部' }]}>
            <BranchSearch />
          </Form.Item>
          <Form.Item name="appliedOn" label={label('申请日期')} rules={[{ required: true, message: '请选择申请日期' }]}>
            <DateInput max={today} label="申请日期" testId="applied-on" />
          </Form.Item>
          {!remembered && (
            <Form.Item name="idNumber" label={label('身份证号（与注册时一致）')} rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]}>
              <Input maxLength={18} style={big} />
            </Form.Item>
          )}
          <Form.Item name="phone" label={label('手机号（可不填）')} rules={[{ pattern: /^1\d{10}$/, message: '请填写 11 位手机号' }]}>
            <Input type="tel" maxLength={11} style={big} />
          </Form.Item>
          <Form.Item name="education" label={label('学历（可不填）')}>
            <Input maxLength={10} style={big} />
          </Form.Item>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, padding: '0 16px 12px' }}>
            {educations.map((e) => (
              <button key={e} type="button" style={m.chip} onClick={() => form.setFieldsValue({ education: e })}>
                {e}
              </button>
            ))}
          </div>
          <Form.Item name="occupation" label={label('职业（可不填）')}>
            <Input maxLength={40} style={big} />
          </Form.Item>
          <Form.Item name="workUnit" label={label('工作单位或学校（可不填）')}>
            <Input maxLength={100} style={big} />
          </Form.Item>
        </Form>
        <p className="xfm-note">递交后，请同时把亲笔书写的入党申请书交给该党支部。党支部会在一个月内派人与您谈话。</p>
      </div>
    </div>
  );
}
