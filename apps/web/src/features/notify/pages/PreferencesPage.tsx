import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Form, Radio, Result, Space, Spin, TimePicker, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '@/lib/http';
import { getPreferences, notifyKeys, updatePreferences, type PreferencesView } from '../api';
import { channelLabels, languageLabels } from '../labels';
import { splitServerErrors } from '../server-errors';

const HHMM = 'HH:mm';
const fields = ['channels', 'quietStart', 'quietEnd', 'language'] as const;

interface Values {
  channels: PreferencesView['channels'];
  quietStart: Dayjs | null;
  quietEnd: Dayjs | null;
  language: PreferencesView['language'];
}

const toValues = (p: PreferencesView): Values => ({
  channels: p.channels,
  quietStart: dayjs(p.quietStart, HHMM),
  quietEnd: dayjs(p.quietEnd, HHMM),
  language: p.language,
});

/** /admin/notifications/preferences — 通知设置: external channels, quiet hours, language. */
export function PreferencesPage() {
  const q = useQuery({ queryKey: notifyKeys.preferences, queryFn: getPreferences });
  if (q.isPending) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  if (q.isError) return <Result status="error" title="无法加载通知设置" subTitle={errorMessage(q.error)} />;
  return <PreferencesForm key={JSON.stringify(q.data)} prefs={q.data} />;
}

function PreferencesForm({ prefs }: { prefs: PreferencesView }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [topError, setTopError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: updatePreferences,
    onSuccess: (p) => {
      setTopError(null);
      queryClient.setQueryData(notifyKeys.preferences, p);
      void message.success('通知设置已保存');
    },
    onError: (err) => {
      const { byField, top } = splitServerErrors(err, fields);
      form.setFields(Object.entries(byField).map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
      setTopError(top);
    },
  });

  const submit = (v: Values) =>
    save.mutate({
      channels: v.channels,
      quietStart: v.quietStart?.format(HHMM) ?? prefs.quietStart,
      quietEnd: v.quietEnd?.format(HHMM) ?? prefs.quietEnd,
      language: v.language,
    });

  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 760 }}>
      <Breadcrumb items={[{ key: 'inbox', title: <Link to="/admin/notifications">我的消息</Link> }, { key: 'prefs', title: '通知设置' }]} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        通知设置
      </Typography.Title>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={toValues(prefs)}
          onFinish={submit}
          onValuesChange={() => topError && setTopError(null)}
          data-testid="preferences-form"
        >
          {topError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={topError} />}
          <Form.Item name="channels" label="接收渠道" extra="站内消息始终接收；勾选后，重要通知还会通过短信或微信模板消息发送。">
            <Checkbox.Group options={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="免打扰时段" extra="免打扰时段内不发短信和微信，待时段结束后再送达；站内消息不受影响。可跨午夜，如 21:30 至次日 08:00。" required>
            <Space align="start">
              <Form.Item name="quietStart" noStyle rules={[{ required: true, message: '请选择开始时间' }]}>
                <TimePicker format={HHMM} minuteStep={5} allowClear={false} needConfirm={false} aria-label="免打扰开始时间" />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>至</span>
              <Form.Item name="quietEnd" noStyle rules={[{ required: true, message: '请选择结束时间' }]}>
                <TimePicker format={HHMM} minuteStep={5} allowClear={false} needConfirm={false} aria-label="免打扰结束时间" />
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item name="language" label="通知语言">
            <Radio.Group options={Object.entries(languageLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存设置
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
      </Card>
    </div>
  );
}
