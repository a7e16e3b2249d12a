import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { applyServerErrors } from '@/lib/form-errors';
import { errorMessage } from '@/lib/http';
import { toDayjs } from '@/lib/dates';
import { lifeKeys, saveMinutes, type MeetingView, type MinutesView } from '../api';
import { MinutesLists, type MinutesFormValues } from './MinutesLists';

const FIELDS = ['hostMemberId', 'recorderMemberId', 'keyPoints', 'differingOpinions', 'correctionReason'] as const;

function initialValues(m: MinutesView | null | undefined, meeting: MeetingView): Partial<MinutesFormValues> {
  if (!m) {
    return {
      topics: [''],
      decisions: [],
      votes: [],
      followUps: [],
      absences: [],
      notExpected: meeting.attendees.filter((a) => !a.expected).map((a) => ({ memberId: a.memberId, reason: a.notExpectedReason ?? '' })),
    };
  }
  return {
    hostMemberId: m.hostMemberId,
    recorderMemberId: m.recorderMemberId,
    topics: m.topics,
    keyPoints: m.keyPoints,
    differingOpinions: m.differingOpinions ?? '',
    decisions: m.decisions,
    votes: m.votes,
    followUps: m.followUps.map((f) => ({ ...f, deadline: toDayjs(f.deadline)! })),
    absences: m.absences,
    notExpected: m.notExpected,
  };
}

/**
 * The minutes as a form: host and recorder, topics, what was said, differing opinions, decisions, votes,
 * follow-ups, who was absent and why, who is not counted as expected and why. Once confirmed or returned,
 * a change needs a reason (kept with the record).
 */
export function MinutesForm({ meeting, minutes }: { meeting: MeetingView; minutes: MinutesView | null | undefined }) {
  const [form] = Form.useForm<MinutesFormValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const status = meeting.status;
  const needsReason = status === 'confirmed' || status === 'returned';

  // Load the stored record into the form when it arrives or changes (after a save, a confirmation).
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues(minutes, meeting));
  }, [minutes, form]);

  const people = meeting.attendees.map((a) => ({ value: a.memberId, label: a.name }));

  const submit = async () => {
    setTopError(null);
    const v = await form.validateFields();
    setBusy(true);
    try {
      await saveMinutes(meeting.id, {
        hostMemberId: v.hostMemberId,
        recorderMemberId: v.recorderMemberId,
        topics: v.topics,
        keyPoints: v.keyPoints,
        ...(v.differingOpinions?.trim() ? { differingOpinions: v.differingOpinions } : {}),
        decisions: v.decisions ?? [],
        votes: v.votes ?? [],
        followUps: (v.followUps ?? []).map((f) => ({ task: f.task, ownerName: f.ownerName, deadline: f.deadline.format('YYYY-MM-DD') })),
        absences: v.absences ?? [],
        notExpected: v.notExpected ?? [],
        ...(needsReason ? { correctionReason: v.correctionReason } : {}),
      });
      void message.success('会议记录已保存，请记录人和主持人确认');
      form.setFieldValue('correctionReason', '');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: lifeKeys.minutes(meeting.id) }),
        queryClient.invalidateQueries({ queryKey: lifeKeys.meeting(meeting.id) }),
        queryClient.invalidateQueries({ queryKey: ['life', 'meetings'] }),
      ]);
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setTopError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} data-testid="minutes-form">
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item name="hostMemberId" label="主持人" rules={[{ required: true, message: '请选择主持人' }]} style={{ flex: '1 1 220px' }}>
            <Select aria-label="主持人" showSearch={{ optionFilterProp: 'label' }} options={people} placeholder="从参会人员中选择" size="large" />
          </Form.Item>
          <Form.Item name="recorderMemberId" label="记录人" rules={[{ required: true, message: '请选择记录人' }]} style={{ flex: '1 1 220px' }}>
            <Select aria-label="记录人" showSearch={{ optionFilterProp: 'label' }} options={people} placeholder="从参会人员中选择" size="large" />
          </Form.Item>
        </div>
        <MinutesLists form={form} meeting={meeting} editable part="topics" />
        <Form.Item name="keyPoints" label="主要内容（发言要点、讨论情况）" rules={[{ required: true, whitespace: true, message: '请填写主要内容' }, { max: 5000, message: '最多 5000 个字' }]}>
          <Input.TextArea aria-label="主要内容" rows={6} showCount maxLength={5000} />
        </Form.Item>
        <Form.Item name="differingOpinions" label="不同意见（如有，须如实记录）" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
          <Input.TextArea aria-label="不同意见" rows={2} />
        </Form.Item>
        <MinutesLists form={form} meeting={meeting} editable part="rest" />
        {needsReason && (
          <Form.Item name="correctionReason" label="修改原因（已确认或被退回的记录，修改须写明原因）" rules={[{ required: true, whitespace: true, message: '请填写修改原因' }, { max: 500, message: '最多 500 个字' }]}>
            <Input.TextArea aria-label="修改原因" rows={2} />
          </Form.Item>
        )}
      </Form>
      <Space wrap style={{ marginTop: 8 }}>
        <Button type="primary" size="large" icon={<SaveOutlined />} loading={busy} onClick={() => void submit().catch(() => undefined)}>
          保存会议记录
        </Button>
        {(minutes?.confirmedByHostAt || minutes?.confirmedByRecorderAt) && status === 'minutes_draft' && (
          <Typography.Text type="warning">再次保存后，记录人和主持人需要重新确认。</Typography.Text>
        )}
      </Space>
    </>
  );
}
