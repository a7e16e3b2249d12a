import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, DotLoading, ErrorBlock, Form, NavBar, TextArea } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { placeTransferErrors as placeErrors } from '@/features/transfer/components/server-errors';
import { m } from '@/features/transfer/components/mobile/styles';
import { addCaseNote, devH5Keys, useCaseNotes, type CaseNotesView, type NoteInput } from './api';
import { DateInput } from './DateInput';
import { stageNames, todayLocal, zhDate } from './format';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;
const big = { '--font-size': '19px' } as React.CSSProperties;
const label = (text: string) => <span style={{ fontSize: 19, fontWeight: 600 }}>{text}</span>;

function NoteForm({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NoteInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const today = todayLocal();

  const submit = async (v: NoteInput) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await addCaseNote(caseId, { writtenOn: v.writtenOn, text: v.text.trim() });
      form.setFieldsValue({ text: '' });
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: devH5Keys.notes(caseId) });
      await queryClient.invalidateQueries({ queryKey: devH5Keys.mentees });
    } catch (err) {
      setError(placeErrors(form, err, ['writtenOn', 'text']).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      initialValues={{ writtenOn: today, text: '' }}
      onFinish={(v) => void submit(v)}
      data-testid="note-form"
      footer={
        <>
          {error && (
            <div style={{ ...m.error, marginBottom: 12 }} role="alert">
              {error}
            </div>
          )}
          {saved && (
            <div style={{ ...m.devNote, marginBottom: 12, background: '#f6ffed', color: '#237804' }} role="status">
              已保存
            </div>
          )}
          <Button block type="submit" color="primary" size="large" loading={busy} style={m.big} data-testid="note-submit">
            保存记录
          </Button>
        </>
      }
    >
      <Form.Item name="writtenOn" label={label('日期')} rules={[{ required: true, message: '请选择日期' }]}>
        <DateInput max={today} label="日期" testId="note-date" />
      </Form.Item>
      <Form.Item name="text" label={label('考察情况')} rules={[{ required: true, whitespace: true, message: '请填写考察情况' }]}>
        <TextArea placeholder="谈心谈话、思想汇报、工作学习表现、群众意见……" rows={5} maxLength={2000} showCount style={big} />
      </Form.Item>
    </Form>
  );
}

function Notes({ v }: { v: CaseNotesView }) {
  if (v.notes.length === 0) return <p style={{ ...m.gentle, margin: 12 }}>还没有考察记录。</p>;
  return (
    <ol style={{ ...m.card, listStyle: 'none', padding: 0 }} data-testid="notes">
      {v.notes.map((n, i) => (
        <li key={n.id} style={{ padding: '14px 16px', borderTop: i === 0 ? 'none' : '1px solid #eee' }}>
          <div style={{ fontSize: 18, fontWeight: 700 }}>
            {zhDate(n.writtenOn)} · {n.mine ? '我' : n.authorName}
          </div>
          <div style={{ fontSize: 18, lineHeight: 1.6, whiteSpace: 'pre-wrap', color: '#222' }}>{n.text}</div>
        </li>
      ))}
    </ol>
  );
}

/** A mentee (H5, mentors): name and stage, the assessment notes, and a form to add one. */
export function MenteePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useCaseNotes(id);
  let body: ReactNode;
  if (q.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (q.isError) {
    body = <ErrorBlock status="default" title="打不开" description={say(errorMessage(q.error))} />;
  } else {
    const v = q.data;
    body = (
      <>
        <div style={m.hero} data-testid="mentee-head">
          <div style={m.heroLabel}>{v.orgName}</div>
          <div style={{ ...m.heroValue, fontSize: 32 }}>{v.name}</div>
          <div style={{ fontSize: 19 }}>{stageNames[v.stage]}</div>
        </div>
        {v.canWrite && (
          <>
            <h2 style={m.section}>写一条考察记录</h2>
            <NoteForm caseId={v.caseId} />
          </>
        )}
        <h2 style={m.section}>考察记录</h2>
        <Notes v={v} />
        <p className="xfm-note">考察记录只有您、其他培养联系人和党组织能看到，申请人本人看不到。</p>
      </>
    );
  }
  return (
    <div className="xfm-page" style={{ paddingBottom: 96 }}>
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m/mentoring')}>
            <LeftOutlined aria-hidden /> 返回
          </button>
        }
      >
        培养考察
      </NavBar>
      {body}
    </div>
  );
}
