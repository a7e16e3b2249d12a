import { Alert, Button, Card, Form, Input, List, Typography } from 'antd';
import { formatInstant } from '@/lib/dates';
import { appendCorrection, type MeetingView } from '../api';
import { useMeetingAction } from './use-meeting-action';

interface Values {
  reason: string;
  content: string;
}

/**
 * 更正: an approved record never changes; what was wrong is appended here with a reason, and shown with
 * the record wherever it is read.
 */
export function CorrectionsCard({ meeting, canWrite }: { meeting: MeetingView; canWrite: boolean }) {
  const [form] = Form.useForm<Values>();
  const { busy, run } = useMeetingAction(meeting.id);
  const open = canWrite && meeting.status === 'approved';
  const submit = async () => {
    const v = await form.validateFields();
    if (await run('correct', () => appendCorrection(meeting.id, v), '已追加更正')) form.resetFields();
  };
  return (
    <Card title="更正" id="corrections">
      {meeting.appendedCorrections.length > 0 ? (
        <List
          data-testid="appended-corrections"
          dataSource={meeting.appendedCorrections}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={`更正原因：${c.reason}`}
                description={
                  <>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0', color: '#262626' }}>{c.content}</Typography.Paragraph>
                    {c.by} · {formatInstant(c.at)}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary">{meeting.status === 'approved' ? '没有更正。' : '记录审核通过并锁定后，如发现错误，在这里追加更正（原记录不变）。'}</Typography.Paragraph>
      )}
      {open && (
        <>
          <Alert type="info" showIcon title="已锁定的记录不能修改：更正会附在原记录之后，原记录和校验码保持不变。" style={{ margin: '12px 0' }} />
          <Form form={form} layout="vertical" requiredMark={false} style={{ maxWidth: 720 }}>
            <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }, { max: 500, message: '最多 500 个字' }]}>
              <Input aria-label="更正原因" placeholder="如：缺席原因记录有误" />
            </Form.Item>
            <Form.Item name="content" label="更正内容" rules={[{ required: true, whitespace: true, message: '请填写更正内容' }, { max: 2000, message: '最多 2000 个字' }]}>
              <Input.TextArea aria-label="更正内容" rows={3} />
            </Form.Item>
            <Button type="primary" size="large" loading={busy === 'correct'} onClick={() => void submit().catch(() => undefined)}>
              追加更正
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
