import { Button, Input, Select, Space } from 'antd';
import {
  ageBandLabels,
  ageBands,
  educationCodes,
  memberCategories,
  memberCategoryLabels,
  memberStateLabels,
  memberStates,
  memberStatuses,
  memberStatusLabels,
} from '@xianfeng/contracts/member/member.enums';
import { genderLabels } from '../labels';

export interface MemberFilterValues {
  q?: string;
  state?: string;
  status?: string;
  category?: string;
  education?: string;
  ageBand?: string;
  gender?: string;
}

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const ageBandOptions = ageBands.map((b, i) => ({ value: b, label: ageBandLabels[i] ?? b }));
const educationOptions = Object.entries(educationCodes).map(([value, label]) => ({ value, label }));

interface Props {
  values: MemberFilterValues;
  onChange: (patch: MemberFilterValues) => void;
  onReset: () => void;
}

/** 姓名或身份证号 search and the list filters; every change goes to the URL (back button keeps them). */
export function MemberFilters({ values, onChange, onReset }: Props) {
  const select = (key: keyof MemberFilterValues, placeholder: string, options: { value: string; label: string }[], width = 130) => (
    <Select
      aria-label={placeholder}
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={values[key] ?? null}
      options={options}
      onChange={(v: string | null | undefined) => onChange({ [key]: v ?? undefined })}
    />
  );
  return (
    <Space wrap size={[8, 8]}>
      <Input.Search
        key={values.q ?? ''}
        aria-label="姓名或身份证号"
        placeholder="姓名或身份证号"
        allowClear
        defaultValue={values.q}
        style={{ width: 220 }}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
      />
      <Select
        aria-label="党员状态"
        style={{ width: 120 }}
        value={values.state ?? 'active'}
        options={opts(memberStates, memberStateLabels)}
        onChange={(v: string) => onChange({ state: v === 'active' ? undefined : v })}
      />
      {select('status', '党员类型', opts(memberStatuses, memberStatusLabels))}
      {select('category', '管理类别', opts(memberCategories, memberCategoryLabels))}
      {select('ageBand', '年龄段', ageBandOptions)}
      {select('education', '学历', educationOptions, 150)}
      {select('gender', '性别', opts(['male', 'female'] as const, genderLabels), 100)}
      <Button onClick={onReset}>重置</Button>
    </Space>
  );
}
