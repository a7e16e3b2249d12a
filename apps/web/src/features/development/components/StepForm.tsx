import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { StepDef } from '@xianfeng/contracts/development/development.steps';
import { developmentErrors } from '@xianfeng/contracts/development/development.errors';
import { ApiError, errorMessage } from '@/lib/http';
import { developmentKeys, recordStep, uploadAttachment, warningText, type CaseView, type NextStep } from '../api';
import { buildStepBody, initialValues, missingFields, stepFormFields } from '../step-form-model';
import { labelOf, todayInBeijing } from '../format';
import { StepField } from './StepField';
import { StepDatePicker, dateOutside } from './StepDatePicker';
import { VoteTally, ballotBlocks } from './VoteTally';
import type { Tally } from '../vote';

interface Props {
  kase: CaseView;
  next: NextStep;
  def: StepDef;
  canOverride: boolean;
  defaultResponsible: string | null;
}

type Values = Record<string, unknown> & { date?: string | null; responsible?: string[]; decision?: string; overrideReason?: string };

const COMMON = ['date', 'responsible', 'decision'];
const MAX_FILE = 10 * 1024 * 1024;
const BALLOT_ARTICLE = '《中国共产党发展党员工作细则》第十九条、第二十条（转正表决同样适用，第三十二条）';

/**
 * One step's form: the common record (date, 责任人, 意见) and the step's own fields, built from the contracts.
 * The button stays disabled until the contracts' schema accepts the form and no rule blocks the step; with
 * development.override the step may be recorded anyway, with a reason that is audited and shown upward.
 */
export function StepForm({ kase, next, def, canOverride, defaultResponsible }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const specs = stepFormFields(def.key);
  const start = useMemo<Values>(() => ({ ...initialValues(def.key), date: todayInBeijing(), responsible: defaultResponsible ? [defaultResponsible] : [] }), [def.key, defaultResponsible]);
  const [values, setValues] = useState<Values>(start);
  const [overriding, setOverriding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; overridable: boolean } | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [files, setFiles] = useState<{ id: string; fileName: string }[]>([]);
  const [uploading, setUploading] = useState(0);

  const common = { date: values.date ?? null, responsible: values.responsible ?? [], decision: values.decision, overrideReason: overriding ? (values.overrideReason ?? '') : undefined, attachments: files.map((f) => f.id) };
  const body = buildStepBody(def.key, values, common);
  const missing = missingFields(def.key, body);
  const vote = specs.filter((s) => s.vote);
  const ballot = vote.length ? ballotBlocks(values as Tally) : null;
  const outside = dateOutside(values.date, next.earliest, next.dueBy);
  const blockers = [...next.blockedBy.map((b) => `${b.message}（依据：${b.article}）`), ...(ballot ? [ballot] : [])];
  const blocked = blockers.length > 0 && !overriding;
  const disabled = missing.size > 0 || blocked || busy || uploading > 0;
  const fieldNames = [...COMMON, ...specs.map((s) => s.name)];

  /** Uploaded to the case at once; the step then lists the returned ids (the server checks they are this case's). */
  const upload = async (file: File) => {
    if (file.size > MAX_FILE) {
      void message.error(`${file.name} 超过 10 MB，请压缩后再上传`);
      return;
    }
    setUploading((n) => n + 1);
    try {
      const a = await uploadAttachment(kase.id, file);
      setFiles((fs) => [...fs, { id: a.id, fileName: a.fileName }]);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    setWarnings([]);
    try {
      const result = await recordStep(kase.id, body);
      const { warnings: said = [], ...view } = result;
      queryClient.setQueryData(developmentKeys.detail(kase.id), view);
      void queryClient.invalidateQueries({ queryKey: ['development', 'cases'] });
      void queryClient.invalidateQueries({ queryKey: ['development', 'board'] });
      void message.success(`已记录：第 ${def.number} 环节 ${def.zh}`);
      if (said.length) setWarnings(said.map(warningText));
      setFiles([]);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setRefusal({ text: errorMessage(err), overridable: false });
        return;
      }
      const rest: string[] = [];
      const byField = new Map<string, string[]>();
      for (const d of err.details) {
        const text = d.article ? `${d.message}（依据：${d.article}）` : d.message;
        const top = d.path.split('.')[0] ?? '';
        const name = top === 'override' ? 'overrideReason' : top;
        if (fieldNames.includes(name) || (name === 'overrideReason' && overriding)) byField.set(name, [...(byField.get(name) ?? []), text]);
        else rest.push(text);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      const overridable = err.code === 'DEVELOPMENT_TIME_LIMIT' || err.code === 'DEVELOPMENT_PRECONDITION';
      // What went under a field is not repeated: the box names the kind of refusal and anything left over.
      const headline = byField.size > 0 && err.code in developmentErrors ? developmentErrors[err.code as keyof typeof developmentErrors].zh : err.message;
      setRefusal({ text: [headline, ...rest].join('；'), overridable });
    } finally {
      setBusy(false);
    }
  };

  const offerOverride = canOverride && !overriding && (blockers.length > 0 || outside !== null || refusal?.overridable === true);
  return (
    <Form<Values>
      form={form}
      // Field ids are prefixed per step, so two steps' forms (tabs) never share a label's target.
      name={`step-${def.key}`}
      layout="vertical"
      initialValues={start}
      onValuesChange={() => setValues(form.getFieldsValue(true) as Values)}
      data-testid={`step-form-${def.key}`}
    >
      <Space size={16} align="start" wrap>
        <Form.Item name="date" label="办理日期" required extra={outside ? <Typography.Text type="warning" data-testid="date-outside">{`${outside}（依据：${def.article}）`}</Typography.Text> : undefined}>
          <StepDatePicker earliest={next.earliest} dueBy={next.dueBy} />
        </Form.Item>
        <Form.Item name="responsible" label="责任人" style={{ minWidth: 280 }}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} placeholder="经办人姓名，回车分隔" data-testid="field-responsible" />
        </Form.Item>
      </Space>
      {/* In the contracts' order; the ballot figures are drawn together where the first of them stands. */}
      {specs.map((s) =>
        !s.vote ? (
          <StepField key={s.name} spec={s} caseOrgId={kase.orgId} />
        ) : s === vote[0] ? (
          <VoteTally key="ballot" specs={vote} values={values as Tally} caseOrgId={kase.orgId} article={BALLOT_ARTICLE} />
        ) : null,
      )}
      <Form.Item name="decision" label="意见或决定（可选）">
        <Input.TextArea rows={2} maxLength={2000} data-testid="field-decision" />
      </Form.Item>
      <Form.Item label="附件（可选）" extra="申请书、会议记录、志愿书等扫描件（JPG、PNG、PDF、Word、Excel，每个不超过 10 MB）">
        <Upload
          accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
          multiple
          fileList={files.map((f) => ({ uid: f.id, name: f.fileName, status: 'done' as const }))}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          onRemove={(f) => setFiles((fs) => fs.filter((x) => x.id !== f.uid))}
          data-testid="field-attachments"
        >
          <Button icon={<UploadOutlined />} loading={uploading > 0}>
            上传附件
          </Button>
        </Upload>
      </Form.Item>
      {overriding && (
        <div data-testid="override-panel">
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="越过规定办理"
            description={`以下规定将被越过：${blockers.join('；') || refusal?.text || outside || '服务器拒绝的时限或前置条件'}。理由和经办人会写入审计记录，并在上级党组织的工作台上列出。`}
          />
          <Form.Item name="overrideReason" label="越过规定办理的理由" required>
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="override-reason" />
          </Form.Item>
        </div>
      )}
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="未能记录" description={refusal.text} data-testid="step-refusal" />}
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon style={{ marginBottom: 12 }} title={w} />
      ))}
      <Space wrap align="center">
        <Button type="primary" danger={overriding} disabled={disabled} loading={busy} onClick={() => void submit()} data-testid="step-submit">
          {overriding ? '越过规定办理并记录' : `记录第 ${def.number} 环节`}
        </Button>
        {offerOverride && (
          <Button icon={<WarningOutlined />} onClick={() => setOverriding(true)} data-testid="override-open">
            越过规定办理
          </Button>
        )}
        {overriding && (
          <Button
            onClick={() => {
              setOverriding(false);
              form.setFieldValue('overrideReason', undefined);
            }}
          >
            取消越过
          </Button>
        )}
        {missing.size > 0 && (
          <Typography.Text type="secondary" data-testid="step-missing">
            还需填写：{[...missing.keys()].map((k) => (k === 'override' ? '越过规定办理的理由' : k === 'date' ? '办理日期' : labelOf(def.key, k))).join('、')}
          </Typography.Text>
        )}
        {missing.size === 0 && blocked && (
          <Typography.Text type="danger" data-testid="step-blocked">
            不符合规定，暂不能办理{canOverride ? '（可越过规定办理，须说明理由）' : ''}
          </Typography.Text>
        )}
      </Space>
    </Form>
  );
}
