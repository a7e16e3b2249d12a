import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { educationCodes, ethnicityCodes, memberCategories, memberCategoryLabels, occupations } from '@xianfeng/contracts/member/member.enums';
import { memberFieldLabels } from '@xianfeng/contracts/member/member.schemas';
import { ApiError, errorMessage } from '@/lib/http';
import { applyServerErrors } from '@/lib/form-errors';
import { DATE_FORMAT } from '@/lib/dates';
import { memberKeys, updateMember, type MemberFile } from '../api';
import { diffPatch, memberFormFields, toFormValues, type MemberFormValues } from '../member-form';
import { stateText, statusText } from '../labels';

const ethnicityOptions = Object.entries(ethnicityCodes).map(([value, label]) => ({ value, label }));
const educationOptions = Object.entries(educationCodes).map(([value, label]) => ({ value, label }));
const occupationOptions = occupations.map((o) => ({ value: o, label: o }));
const categoryOptions = memberCategories.map((c) => ({ value: c, label: memberCategoryLabels[c] }));
const L = (f: string) => memberFieldLabels[f] ?? f;
const isMasked = (s: string | null) => !!s && s.includes('*');

interface Props {
  member: MemberFile;
  /** Called after a successful save (the page returns to the masked view). */
  onSaved: () => void;
}

/**
 * PATCH /api/members/:id with only the changed fields and `version`. The server's validation answers
 * (400/422, details[].path = field) are shown under the fields and summarised on top.
 */
export function MemberEditForm({ member, onSaved }: Props) {
  const [form] = Form.useForm<MemberFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const initial = useMemo(() => toFormValues(member), [member]);
  const [topError, setTopError] = useState<{ text: string; conflict: boolean } | null>(null);

  const save = useMutation({
    mutationFn: (patch: NonNullable<ReturnType<typeof diffPatch>>) => updateMember(member.id, patch),
    onSuccess: async () => {
      setTopError(null);
      void message.success('档案已保存');
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onSaved();
    },
    onError: (err) => {
      const rest = applyServerErrors(form, err, memberFormFields);
      const text = [errorMessage(err), ...rest.filter((r) => r !== errorMessage(err))].join('；');
      setTopError({ text, conflict: err instanceof ApiError && err.status === 409 });
    },
  });

  const submit = (values: MemberFormValues) => {
    const patch = diffPatch(initial, values, member.version);
    if (!patch) {
      void message.info('没有需要保存的修改');
      return;
    }
    save.mutate(patch);
  };

  const current = {
    idNumber: Form.useWatch('idNumber', form) as string | undefined,
    phone: Form.useWatch('phone', form) as string | undefined,
    address: Form.useWatch('address', form) as string | undefined,
  };
  const maskedHint = (f: 'idNumber' | 'phone' | 'address') =>
    isMasked(current[f] ?? member[f]) ? '当前为脱敏显示；如需更正，请清空后输入完整内容' : undefined;

  return (
    <Form<MemberFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      onValuesChange={() => topError && setTopError(null)}
      scrollToFirstError
      data-testid="member-edit-form"
    >
      {topError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={topError.text}
          action={
            topError.conflict ? (
              <Button size="small" onClick={() => void queryClient.invalidateQueries({ queryKey: memberKeys.all })}>
                刷新档案
              </Button>
            ) : undefined
          }
        />
      )}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`所在党组织：${member.orgName}，党员类型：${statusText(member.status)}，状态：${stateText(member.state)}`}
        description="所在党组织、党员类型和党员状态不能在此修改：请分别通过组织关系转接、发展党员（转正）和出党/停止党籍办理。"
      />
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="name" label={L('name')} rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="gender" label={L('gender')}>
            <Select options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="ethnicity" label={L('ethnicity')}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={ethnicityOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="idNumber" label={L('idNumber')} extra={maskedHint('idNumber')}>
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="birthDate" label={L('birthDate')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="phone" label={L('phone')} extra={maskedHint('phone')}>
            <Input maxLength={11} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="address" label={L('address')} extra={maskedHint('address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="category" label={L('category')}>
            <Select options={categoryOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="joinedOn" label={L('joinedOn')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="fullMemberOn" label={L('fullMemberOn')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="education" label={L('education')}>
            <Select allowClear options={educationOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="occupation" label={L('occupation')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={occupationOptions} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="workUnit" label={L('workUnit')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Space size={32}>
            <Form.Item name="householdHub" valuePropName="checked">
              <Checkbox>{L('householdHub')}</Checkbox>
            </Form.Item>
            <Form.Item name="lostContact" valuePropName="checked">
              <Checkbox>{L('lostContact')}</Checkbox>
            </Form.Item>
          </Space>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={L('notes')}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存修改
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            setTopError(null);
          }}
        >
          撤销修改
        </Button>
        <Typography.Text type="secondary">只提交修改过的字段；修改会记入档案变更记录。</Typography.Text>
      </Space>
    </Form>
  );
}
