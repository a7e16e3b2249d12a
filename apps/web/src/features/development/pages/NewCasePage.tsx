import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { memberCategoryLabels } from '@xianfeng/contracts/member/member.enums';
import { fromDayjs, toDayjs } from '@/lib/dates';
import { applyServerErrors } from '@/lib/form-errors';
import { ApiError, errorMessage } from '@/lib/http';
import { createCase, developmentKeys, type CreateCaseInput } from '../api';
import { todayInBeijing } from '../format';
import { BranchPicker } from '../components/BranchPicker';

const FIELDS = ['orgId', 'name', 'idNumber', 'appliedOn', 'phone', 'ethnicity', 'education', 'occupation', 'workUnit', 'category'] as const;
type Values = Omit<CreateCaseInput, 'appliedOn'> & { appliedOn: ReturnType<typeof toDayjs> };

/** Refusals that name no field but are about one. */
const codeField: Record<string, (typeof FIELDS)[number]> = {
  DEVELOPMENT_UNDER_AGE: 'appliedOn',
  DEVELOPMENT_CASE_OPEN: 'idNumber',
  DEVELOPMENT_ALREADY_MEMBER: 'idNumber',
  DEVELOPMENT_ORG_INVALID: 'orgId',
};

const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * /admin/development/new — 登记入党申请 (step 1): the applicant and the date the branch received the written
 * application. The server checks the ID number (GB 11643), the age of 18 on that date and that no other case
 * is open; each refusal is shown under its field.
 */
export function NewCasePage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await createCase({
        orgId: v.orgId,
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        appliedOn: fromDayjs(v.appliedOn) ?? '',
        phone: optional(v.phone),
        ethnicity: optional(v.ethnicity),
        education: optional(v.education),
        occupation: optional(v.occupation),
        workUnit: optional(v.workUnit),
        category: v.category,
      });
      await queryClient.invalidateQueries({ queryKey: developmentKeys.all });
      void message.success(`已登记 ${created.name} 的入党申请`);
      void navigate(`/admin/development/${created.id}`);
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      const field = err instanceof ApiError && err.details.length === 0 ? codeField[err.code] : undefined;
      if (field && err instanceof ApiError) form.setFields([{ name: field, errors: [err.message] }]);
      const placed = err instanceof ApiError && (field !== undefined || err.details.length > rest.length);
      setError(rest.length ? rest.join('；') : placed ? null : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 880 }}>
      <Breadcrumb items={[{ key: 'board', title: <Link to="/admin/development">发展党员</Link> }, { key: 'new', title: '登记入党申请' }]} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        登记入党申请
      </Typography.Title>
      <Card>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="递交入党申请书（第一环节，细则第五条、第六条）"
          description="申请人应年满十八岁，向工作、学习所在单位党组织提出申请；没有党组织的，向居住地党组织提出。党组织应当在收到申请书后一个月内派人谈话。"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="create-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="new-case-form"
          initialValues={{ orgId: params.get('org') ?? undefined, appliedOn: toDayjs(todayInBeijing()), category: 'resident' }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="orgId" label="受理的党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <BranchPicker />
          </Form.Item>
          <Space size={16} style={{ display: 'flex' }} align="start" wrap>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]} style={{ width: 200 }}>
              <Input />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="身份证号码"
              rules={[{ required: true, whitespace: true, message: '请填写身份证号码' }, { len: 18, message: '身份证号码应为 18 位' }]}
              extra="用于核对年龄和是否已有档案；保存后只显示部分号码"
              style={{ width: 300 }}
            >
              <Input style={{ fontFamily: 'monospace' }} maxLength={18} />
            </Form.Item>
            <Form.Item name="appliedOn" label="收到申请书日期" rules={[{ required: true, message: '请选择日期' }]} style={{ width: 200 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Space>
          <Space size={16} style={{ display: 'flex' }} align="start" wrap>
            <Form.Item name="phone" label="手机号码" style={{ width: 200 }}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="category" label="类别" style={{ width: 200 }}>
              <Select options={Object.entries(memberCategoryLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="ethnicity" label="民族代码" extra="两位数字，汉族为 01" style={{ width: 160 }}>
              <Input maxLength={2} />
            </Form.Item>
            <Form.Item name="education" label="学历" style={{ width: 160 }}>
              <Input maxLength={10} />
            </Form.Item>
          </Space>
          <Space size={16} style={{ display: 'flex' }} align="start" wrap>
            <Form.Item name="occupation" label="职业" style={{ width: 260 }}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="workUnit" label="工作单位" style={{ width: 420 }}>
              <Input maxLength={100} />
            </Form.Item>
          </Space>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="create-case">
              登记
            </Button>
            <Button onClick={() => void navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
