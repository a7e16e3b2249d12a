import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select, TimePicker, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { meetingTypeLabels, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import { applyServerErrors } from '@/lib/form-errors';
import { ApiError, errorMessage } from '@/lib/http';
import { createMeeting, getMeetingTypes, lifeKeys, type MeetingView } from '../api';
import { toBeijingIso } from './meeting-time';
import { MemberSelect } from './MemberSelect';

export interface MeetingDraft {
  type?: string | undefined;
  date?: Dayjs | undefined;
}

interface FormValues {
  type: string;
  title: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  place: string;
  lateEntryReason?: string;
  talker?: string;
  talkee?: string;
}

const FIELDS = ['type', 'title', 'date', 'time', 'place', 'lateEntryReason', 'talker', 'talkee'] as const;

/** The start as an instant (Beijing time), or null while the date or time is missing. */
function startOf(date: Dayjs | undefined, time: [Dayjs, Dayjs] | undefined): Dayjs | null {
  if (!date || !time?.[0]) return null;
  return date.hour(time[0].hour()).minute(time[0].minute()).second(0);
}

/** 支部党员大会 in November → “11月支部党员大会”: a title the secretary can keep or change. */
const suggestedTitle = (label: string, date: Dayjs | undefined) => `${(date ?? dayjs()).month() + 1}月${label}`;

/**
 * 计划会议: type (the regulation's types for this kind of org, plus the org's custom types), title, date and
 * time, place; the two parties of a 谈心谈话; a 补录 reason when the start is already past.
 */
export function MeetingFormModal({
  open,
  orgId,
  draft,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgId: string;
  draft: MeetingDraft;
  onClose: () => void;
  onCreated: (m: MeetingView) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [titleTouched, setTitleTouched] = useState(false);
  // The browser's clock decides what to show; if the server (whose clock counts) finds the start past
  // after all, the reason field appears with its message.
  const [serverSaysLate, setServerSaysLate] = useState(false);
  const type = Form.useWatch('type', form);
  const date = Form.useWatch('date', form);
  const time = Form.useWatch('time', form);
  // What this org may plan (its kind's built-in types and its custom ones), readable by whoever plans.
  const types = useQuery({ queryKey: lifeKeys.meetingTypes(orgId), queryFn: () => getMeetingTypes(orgId), enabled: open && !!orgId });
  const options = types.data?.items ?? [];
  const labelOf = (t: string) => options.find((o) => o.type === t)?.label ?? meetingTypeLabels[t as MeetingType] ?? t;
  const custom = options.filter((o) => !o.builtIn);
  const typeOptions = [
    { label: '规定的组织生活', options: options.filter((o) => o.builtIn).map((o) => ({ value: o.type, label: o.label })) },
    ...(custom.length ? [{ label: '本组织自定义', options: custom.map((o) => ({ value: o.type, label: o.label })) }] : []),
  ];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTopError(null);
    setTitleTouched(false);
    setServerSaysLate(false);
    const d = draft.date ?? dayjs().add(1, 'day');
    form.setFieldsValue({
      ...(draft.type ? { type: draft.type, title: suggestedTitle(labelOf(draft.type), d) } : {}),
      date: d,
      time: [dayjs('14:30', 'HH:mm'), dayjs('16:00', 'HH:mm')],
    });
    // Reset only when the dialog opens with a new draft.
  }, [open, draft]);

  const start = startOf(date, time);
  const late = serverSaysLate || (!!start && new Date(toBeijingIso(start)).getTime() < Date.now());

  const submit = async () => {
    const v = await form.validateFields();
    const s = startOf(v.date, v.time)!;
    const e = v.date.hour(v.time[1].hour()).minute(v.time[1].minute()).second(0);
    setBusy(true);
    setTopError(null);
    try {
      const m = await createMeeting({
        orgId,
        type: v.type,
        title: v.title,
        startsAt: toBeijingIso(s),
        endsAt: toBeijingIso(e),
        place: v.place,
        ...(late && v.lateEntryReason ? { lateEntryReason: v.lateEntryReason } : {}),
        ...(v.type === 'heart_talk' && v.talker && v.talkee ? { parties: [v.talker, v.talkee] } : {}),
      });
      onCreated(m);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LIFE_LATE_ENTRY_REASON_REQUIRED') setServerSaysLate(true);
      const rest = applyServerErrors(form, renameDetails(err), FIELDS);
      setTopError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="计划会议"
      okText="确定"
      cancelText="返回"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" requiredMark={false} size="large" data-testid="meeting-form">
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <Form.Item name="type" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select
            aria-label="会议类型"
            placeholder="选择会议类型"
            options={typeOptions}
            onChange={(t: string) => {
              if (!titleTouched) form.setFieldValue('title', suggestedTitle(labelOf(t), form.getFieldValue('date') as Dayjs | undefined));
            }}
          />
        </Form.Item>
        <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }, { max: 100, message: '最多 100 个字' }]}>
          <Input aria-label="会议名称" placeholder="如：11月主题党日" onChange={() => setTitleTouched(true)} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]} style={{ flex: 1 }}>
            <DatePicker aria-label="日期" style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="time"
            label="开始 — 结束时间（北京时间）"
            rules={[
              { required: true, message: '请选择开始和结束时间' },
              {
                validator: (_, v: [Dayjs, Dayjs] | undefined) =>
                  v && !v[1].isAfter(v[0]) ? Promise.reject(new Error('结束时间应晚于开始时间')) : Promise.resolve(),
              },
            ]}
            style={{ flex: 1.4 }}
          >
            <TimePicker.RangePicker aria-label="时间" format="HH:mm" minuteStep={5} style={{ width: '100%' }} allowClear={false} order={false} />
          </Form.Item>
        </div>
        <Form.Item name="place" label="会议地点" rules={[{ required: true, whitespace: true, message: '请填写会议地点' }, { max: 100, message: '最多 100 个字' }]}>
          <Input aria-label="会议地点" placeholder="如：社区党群服务中心二楼会议室" />
        </Form.Item>
        {type === 'heart_talk' && (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="talker" label="谈话人" rules={[{ required: true, message: '请选择谈话人' }]} style={{ flex: 1 }}>
              <MemberSelect ariaLabel="谈话人" orgId={orgId} />
            </Form.Item>
            <Form.Item
              name="talkee"
              label="谈话对象"
              dependencies={['talker']}
              rules={[
                { required: true, message: '请选择谈话对象' },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) => (v && v === getFieldValue('talker') ? Promise.reject(new Error('谈话双方应是两个人')) : Promise.resolve()),
                }),
              ]}
              style={{ flex: 1 }}
            >
              <MemberSelect ariaLabel="谈话对象" orgId={orgId} />
            </Form.Item>
          </div>
        )}
        {late && (
          <>
            <Alert
              type="warning"
              showIcon
              title="开始时间已过：这次会议将登记为“补录”"
              description="补录的会议在台账、达标检查和上级审核中都会标明“补录”和原因。"
              style={{ marginBottom: 12 }}
            />
            <Form.Item name="lateEntryReason" label="补录原因" rules={[{ required: true, whitespace: true, message: '补录须填写原因' }, { max: 500, message: '最多 500 个字' }]}>
              <Input.TextArea aria-label="补录原因" rows={2} placeholder="如：会议按时召开，当时系统尚未启用，现补录" />
            </Form.Item>
          </>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          保存后，应到党员会收到会议通知（补录的会议不发通知）。
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/** The server names startsAt / endsAt / parties.N; this form asks for date, time and the two parties. */
function renameDetails(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const names: Record<string, string> = { startsAt: 'time', endsAt: 'time', 'parties.0': 'talker', 'parties.1': 'talkee', parties: 'talker' };
  return new ApiError(
    err.status,
    err.code,
    err.message,
    err.details.map((d) => ({ ...d, path: names[d.path] ?? d.path })),
  );
}
