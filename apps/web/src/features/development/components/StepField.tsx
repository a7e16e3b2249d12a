import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { fromDayjs, toDayjs } from '@/lib/dates';
import type { FieldSpec } from '../step-form-model';
import { CommitteeSelect, GroupSelect, MemberIdsPicker } from './pickers';

/** Dates are kept as 'YYYY-MM-DD' strings in the form's values (as the contracts want them). */
const dateProps = { getValueProps: (v: string | null) => ({ value: toDayjs(v) }), normalize: (d: Dayjs | null) => fromDayjs(d) };

/**
 * The input for one spec. Form.Item hands its direct child `value`, `onChange` and `id`; they are passed on
 * to the real input here (`bound`), or the form would never see what is typed.
 */
function Control({ spec, caseOrgId, ...bound }: { spec: FieldSpec; caseOrgId: string } & Record<string, unknown>) {
  const testId = `field-${spec.name}`;
  switch (spec.kind) {
    case 'text':
      return <Input {...bound} maxLength={spec.maxLength} data-testid={testId} />;
    case 'longText':
      return <Input.TextArea {...bound} rows={3} maxLength={spec.maxLength} showCount data-testid={testId} />;
    case 'date':
      return <DatePicker {...bound} data-testid={testId} />;
    case 'choice':
      return (spec.options?.length ?? 0) <= 3 ? (
        <Radio.Group {...bound} data-testid={testId} options={spec.options} optionType="button" />
      ) : (
        <Select {...bound} data-testid={testId} options={spec.options} />
      );
    case 'integer':
    case 'number':
      return <InputNumber {...bound} data-testid={testId} min={spec.min} max={spec.max} precision={spec.kind === 'integer' ? 0 : undefined} style={{ width: 160 }} />;
    case 'switch':
      return <Switch {...bound} data-testid={testId} />;
    case 'confirm':
      return (
        <Checkbox {...bound} data-testid={testId}>
          {spec.label}
        </Checkbox>
      );
    case 'org':
      return spec.name === 'groupId' ? <GroupSelect {...bound} orgId={caseOrgId} /> : <CommitteeSelect {...bound} orgId={caseOrgId} testId={testId} />;
    case 'members':
      return <MemberIdsPicker {...bound} orgId={caseOrgId} max={spec.maxItems} testId={testId} />;
    case 'texts':
      return <Select {...bound} data-testid={testId} mode="tags" maxCount={spec.maxItems} open={false} suffixIcon={null} placeholder="输入姓名后按回车，可填多人" tokenSeparators={[',', '，', '、']} />;
    case 'rows':
      return null;
  }
}

/** Rows of sub-fields (不计入应到人数的党员: name and reason), added and removed one by one. */
function RowsField({ spec, caseOrgId }: { spec: FieldSpec; caseOrgId: string }) {
  return (
    <Form.Item label={spec.label} data-testid={`field-${spec.name}`}>
      <Form.List name={spec.name}>
        {(rows, { add, remove }) => (
          <div style={{ display: 'grid', gap: 4 }}>
            {rows.map((row) => (
              <Space key={row.key} align="start">
                {(spec.rows ?? []).map((c) => (
                  <Form.Item key={c.name} name={[row.name, c.name]} rules={c.required ? [{ required: true, message: `请填写${c.label}` }] : []} style={{ marginBottom: 4, minWidth: 180 }}>
                    {c.kind === 'choice' ? <Select placeholder={c.label} options={c.options} style={{ width: 200 }} /> : <Control spec={c} caseOrgId={caseOrgId} />}
                  </Form.Item>
                ))}
                <Button aria-label="删除" icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 240 }}>
              添加一人
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** One field of a step's form, drawn from its spec (read off the contracts). */
export function StepField({ spec, caseOrgId }: { spec: FieldSpec; caseOrgId: string }) {
  if (spec.kind === 'rows') return <RowsField spec={spec} caseOrgId={caseOrgId} />;
  const counted = spec.minItems !== undefined && spec.maxItems !== undefined ? (spec.minItems === spec.maxItems ? `${spec.minItems} 人` : `${spec.minItems}–${spec.maxItems} 人`) : null;
  return (
    <Form.Item
      name={spec.name}
      label={spec.kind === 'confirm' ? undefined : counted ? `${spec.label}（${counted}）` : spec.label}
      required={spec.required}
      valuePropName={spec.kind === 'switch' || spec.kind === 'confirm' ? 'checked' : 'value'}
      {...(spec.kind === 'date' ? dateProps : {})}
    >
      <Control spec={spec} caseOrgId={caseOrgId} />
    </Form.Item>
  );
}
