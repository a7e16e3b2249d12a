import { useState } from 'react';
import { Alert, App, Button, Col, Descriptions, Form, Input, Radio, Result, Row, Space, Spin, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { getMemberCare, notifyKeys, updateMemberCare, type MemberCareView } from '../api';
import { splitServerErrors } from '../server-errors';
import { careFields, carePatch, deliverToLabels, isMaskedPhone, toCareValues, type CareValues, type DeliverTo } from '../care-form';

interface Props {
  memberId: string;
  /** member.write in scope: may change them. */
  canEdit: boolean;
}

/** 关怀设置 tab of the member file (GET/PUT /api/members/:id/care). */
export function MemberCareTab({ memberId, canEdit }: Props) {
  const q = useQuery({ queryKey: notifyKeys.care(memberId), queryFn: () => getMemberCare(memberId) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="error" title="无法加载关怀设置" subTitle={errorMessage(q.error)} />;
  if (!canEdit) return <CareSummary care={q.data} />;
  return <CareForm key={JSON.stringify(q.data)} memberId={memberId} care={q.data} />;
}

function CareSummary({ care }: { care: MemberCareView }) {
  return (
    <Descriptions column={1} bordered size="middle" style={{ maxWidth: 640 }} data-testid="care-summary">
      <Descriptions.Item label="两个生日祝福">{care.birthdayGreetings ? '已开启' : '未开启'}</Descriptions.Item>
      <Descriptions.Item label="代收方式">{deliverToLabels[care.deliverTo]}</Descriptions.Item>
      {care.deliverTo === 'family' && <Descriptions.Item label="家属">{`${care.familyName ?? ''} ${care.familyPhone ?? ''}`}</Descriptions.Item>}
      {care.deliverTo === 'grid_worker' && <Descriptions.Item label="网格员账号 ID">{care.gridWorkerAccountId}</Descriptions.Item>}
    </Descriptions>
  );
}

function CareForm({ memberId, care }: { memberId: string; care: MemberCareView }) {
  const [form] = Form.useForm<CareValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const initial = toCareValues(care);
  const [topError, setTopError] = useState<string | null>(null);
  const deliverTo = (Form.useWatch('deliverTo', form) as DeliverTo | undefined) ?? initial.deliverTo;
  const phone = Form.useWatch('familyPhone', form) as string | undefined;

  const save = useMutation({
    mutationFn: (patch: NonNullable<ReturnType<typeof carePatch>>) => updateMemberCare(memberId, patch),
    onSuccess: (c) => {
      setTopError(null);
      queryClient.setQueryData(notifyKeys.care(memberId), c);
      void message.success('关怀设置已保存');
    },
    onError: (err) => {
      const { byField, top } = splitServerErrors(err, careFields);
      form.setFields(Object.entries(byField).map(([name, text]) => ({ name: name as keyof CareValues, errors: [text] })));
      setTopError(top);
    },
  });

  const submit = (v: CareValues) => {
    const patch = carePatch(initial, v);
    if (!patch) {
      void message.info('没有需要保存的修改');
      return;
    }
    save.mutate(patch);
  };

  return (
    <Form<CareValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      onValuesChange={() => topError && setTopError(null)}
      style={{ maxWidth: 720 }}
      data-testid="care-form"
    >
      {topError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={topError} />}
      <Typography.Paragraph type="secondary">
        为没有手机或不便使用手机的老党员设置：生日和政治生日（入党纪念日）祝福，以及由家属或网格员代为接收通知。
      </Typography.Paragraph>
      <Form.Item name="birthdayGreetings" label="两个生日祝福" valuePropName="checked" extra="开启后，在党员生日和入党纪念日发送祝福。">
        <Switch checkedChildren="开启" unCheckedChildren="关闭" />
      </Form.Item>
      <Form.Item name="deliverTo" label="代收方式">
        <Radio.Group options={(Object.keys(deliverToLabels) as DeliverTo[]).map((value) => ({ value, label: deliverToLabels[value] }))} />
      </Form.Item>
      {deliverTo === 'family' && (
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="familyName" label="家属姓名" rules={[{ required: true, whitespace: true, message: '请输入家属姓名' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="familyPhone"
              label="家属手机号"
              extra={isMaskedPhone(phone ?? initial.familyPhone) ? '当前为脱敏显示；如需更换，请清空后输入完整号码' : '代收短信发送到这个号码'}
              rules={[
                { required: true, whitespace: true, message: '请输入家属手机号' },
                {
                  validator: (_, v: string | undefined) =>
                    isMaskedPhone(v) && v !== initial.familyPhone ? Promise.reject(new Error('请清空后输入完整的手机号')) : Promise.resolve(),
                },
              ]}
            >
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
      )}
      {deliverTo === 'grid_worker' && (
        <Form.Item
          name="gridWorkerAccountId"
          label="网格员账号 ID"
          extra="网格员的站内消息会收到一份“代某某接收”的通知。请向系统管理员询问网格员的账号 ID。"
          rules={[{ required: true, whitespace: true, message: '请输入网格员账号 ID' }]}
          style={{ maxWidth: 480 }}
        >
          <Input placeholder="例如 3f6c…（UUID）" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存关怀设置
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            setTopError(null);
          }}
        >
          撤销修改
        </Button>
      </Space>
    </Form>
  );
}
