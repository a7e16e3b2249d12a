import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { MeetingView } from '../api';

export interface MinutesFormValues {
  hostMemberId: string;
  recorderMemberId: string;
  topics: string[];
  keyPoints: string;
  differingOpinions?: string;
  decisions: string[];
  votes: { item: string; yes: number; no: number; abstain: number }[];
  followUps: { task: string; ownerName: string; deadline: Dayjs }[];
  absences: { memberId: string; reason: string }[];
  notExpected: { memberId: string; reason: string }[];
  correctionReason?: string;
}

const required = (message: string) => [{ required: true, whitespace: true, message }];
const remove = (onClick: () => void, label: string) => <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={label} onClick={onClick} />;

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <div style={{ marginBottom: 20 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {title}
        {hint && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13, marginLeft: 8 }}>
            {hint}
          </Typography.Text>
        )}
      </Typography.Text>
      {children}
    </div>
  );
}

/** One line of text per row (议题, 决定事项), with add and remove. */
function TextRows({ name, label, addText, min = 0, editable }: { name: string; label: string; addText: string; min?: number; editable: boolean }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove: del }) => (
        <>
          {fields.map((f, i) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Typography.Text type="secondary" style={{ width: 20 }}>
                {i + 1}.
              </Typography.Text>
              <Form.Item name={f.name} rules={required(`请填写${label}`)} style={{ width: 640, maxWidth: '70vw', marginBottom: 8 }}>
                <Input aria-label={`${label}${i + 1}`} />
              </Form.Item>
              {editable && fields.length > min && remove(() => del(f.name), `删除第${i + 1}项${label}`)}
            </Space>
          ))}
          {editable && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
              {addText}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** Member and reason per row (缺席, 不计入应到). */
function ReasonRows({ name, options, label, placeholder, editable }: { name: string; options: { value: string; label: string }[]; label: string; placeholder: string; editable: boolean }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove: del }) => (
        <>
          {fields.map((f, i) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }} wrap>
              <Form.Item name={[f.name, 'memberId']} rules={[{ required: true, message: '请选择党员' }]} style={{ width: 160, marginBottom: 8 }}>
                <Select aria-label={`${label}党员${i + 1}`} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder="党员" />
              </Form.Item>
              <Form.Item name={[f.name, 'reason']} rules={required('请填写原因')} style={{ width: 420, maxWidth: '50vw', marginBottom: 8 }}>
                <Input aria-label={`${label}原因${i + 1}`} placeholder={placeholder} />
              </Form.Item>
              {editable && remove(() => del(f.name), `删除第${i + 1}项${label}`)}
            </Space>
          ))}
          {editable && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ reason: '' })}>
              添加一人
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** The list parts of the minutes form: 议题 on top; 决定事项, 表决, 落实事项, 缺席 and 不计入应到 below the text. */
export function MinutesLists({ form, meeting, editable, part }: { form: FormInstance<MinutesFormValues>; meeting: MeetingView; editable: boolean; part: 'topics' | 'rest' }) {
  if (part === 'topics') {
    return (
      <Section title="议题" hint="至少一项">
        <TextRows name="topics" label="议题" addText="添加议题" min={1} editable={editable} />
      </Section>
    );
  }
  const people = meeting.attendees.map((a) => ({ value: a.memberId, label: a.name }));
  // Expected members who neither checked in nor are on approved leave: their absence needs a reason.
  const missing = meeting.attendees.filter((a) => a.expected && (!a.attendance || a.attendance === 'absent'));
  const addMissing = () => {
    const listed = new Set((form.getFieldValue('absences') as MinutesFormValues['absences'] | undefined)?.map((x) => x?.memberId));
    const rows = missing.filter((a) => !listed.has(a.memberId)).map((a) => ({ memberId: a.memberId, reason: '' }));
    form.setFieldValue('absences', [...((form.getFieldValue('absences') as MinutesFormValues['absences'] | undefined) ?? []), ...rows]);
  };
  return (
    <>
      <Section title="决定事项">
        <TextRows name="decisions" label="决定事项" addText="添加决定事项" editable={editable} />
      </Section>
      <Section title="表决情况" hint="赞成、反对、弃权票数">
        <Form.List name="votes">
          {(fields, { add, remove: del }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }} wrap>
                  <Form.Item name={[f.name, 'item']} rules={required('请填写表决事项')} style={{ width: 320, marginBottom: 8 }}>
                    <Input aria-label={`表决事项${i + 1}`} placeholder="表决事项" />
                  </Form.Item>
                  {(['yes', 'no', 'abstain'] as const).map((k) => (
                    <Form.Item key={k} name={[f.name, k]} rules={[{ required: true, message: '请填写' }]} style={{ marginBottom: 8 }}>
                      <InputNumber aria-label={`${{ yes: '赞成', no: '反对', abstain: '弃权' }[k]}${i + 1}`} min={0} precision={0} prefix={{ yes: '赞成', no: '反对', abstain: '弃权' }[k]} style={{ width: 120 }} />
                    </Form.Item>
                  ))}
                  {editable && remove(() => del(f.name), `删除第${i + 1}项表决`)}
                </Space>
              ))}
              {editable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '', yes: 0, no: 0, abstain: 0 })}>
                  添加表决事项
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Section>
      <Section title="落实事项" hint="任务、负责人、完成期限">
        <Form.List name="followUps">
          {(fields, { add, remove: del }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }} wrap>
                  <Form.Item name={[f.name, 'task']} rules={required('请填写任务')} style={{ width: 320, marginBottom: 8 }}>
                    <Input aria-label={`落实任务${i + 1}`} placeholder="任务" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerName']} rules={required('请填写负责人')} style={{ width: 140, marginBottom: 8 }}>
                    <Input aria-label={`负责人${i + 1}`} placeholder="负责人" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'deadline']} rules={[{ required: true, message: '请选择期限' }]} style={{ marginBottom: 8 }}>
                    <DatePicker aria-label={`完成期限${i + 1}`} placeholder="完成期限" />
                  </Form.Item>
                  {editable && remove(() => del(f.name), `删除第${i + 1}项落实事项`)}
                </Space>
              ))}
              {editable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ task: '', ownerName: '' })}>
                  添加落实事项
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Section>
      <Section title="缺席人员及原因" hint={
          missing.length
            ? `尚未签到的应到党员 ${missing.length} 人：${missing
                .slice(0, 8)
                .map((a) => a.name)
                .join('、')}${missing.length > 8 ? ' 等' : ''}`
            : '应到党员都已签到或请假'
        }>
        <ReasonRows name="absences" options={people} label="缺席" placeholder="缺席原因，如：病假、出差" editable={editable} />
        {editable && missing.length > 0 && (
          <Button type="link" onClick={addMissing}>
            把尚未签到的党员加入缺席名单
          </Button>
        )}
      </Section>
      <Section title="不计入应到的党员" hint="出国出境、长期病休、外出流动等，须写明原因">
        <ReasonRows name="notExpected" options={people} label="不计入应到" placeholder="原因，如：出国出境、长期病休、外出流动" editable={editable} />
      </Section>
    </>
  );
}
