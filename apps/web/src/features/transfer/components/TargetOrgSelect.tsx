import { useRef, useState } from 'react';
import { Select, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { memberHoldingKinds, orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { useDebounced } from '@/lib/use-debounced';
import { orgKeys, searchOrgDirectory, type DirectoryEntry } from '../../org/api';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The member's own organisation: not a target. */
  excludeOrgId?: string | undefined;
  /** The name of the org already chosen (a resubmission starts from the earlier target). */
  knownName?: string | null | undefined;
  /** The picked org's name (the form shows it in its summary). */
  onPicked?: (name: string | null) => void;
}

/** Only organisations that hold members take one in (党支部, 联合/临时党支部, 党总支); dissolved ones never. */
export const isTargetOrg = (o: DirectoryEntry) => !o.dissolved && memberHoldingKinds.includes(o.kind);

/**
 * 转入党组织 on the platform, found by name or code in the whole directory (GET /api/orgs/directory): the
 * receiving side usually lies outside the caller's own tree.
 */
export function TargetOrgSelect({ id, value, onChange, excludeOrgId, knownName, onPicked }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const result = useQuery({ queryKey: [...orgKeys.directory(q), 'targets'], queryFn: () => searchOrgDirectory(q, 1, 50), enabled: q.length > 0, placeholderData: keepPreviousData });
  const names = useRef(new Map<string, string>());
  const found = (q ? (result.data?.items ?? []) : []).filter((o) => isTargetOrg(o) && o.id !== excludeOrgId);
  for (const o of found) names.current.set(o.id, o.name);
  const options = found.map((o) => ({
    value: o.id,
    title: o.name,
    label: (
      <div style={{ lineHeight: 1.4, padding: '2px 0' }}>
        <div>
          {o.name} <Tag style={{ marginInlineStart: 4 }}>{orgKindLabels[o.kind]}</Tag>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
          {o.ancestors.join(' / ') || '—'}
        </Typography.Text>
      </div>
    ),
  }));
  // Keep the chosen org's name on screen after the search text changes.
  if (value && !found.some((o) => o.id === value)) options.unshift({ value, title: names.current.get(value) ?? knownName ?? '已选择的党组织', label: <>{names.current.get(value) ?? knownName}</> });
  return (
    <Select
      id={id}
      aria-label="转入党组织"
      data-testid="target-org"
      placeholder="输入党支部名称或组织编码查找，如：和平社区第一网格"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: false }}
      value={value ?? null}
      options={options}
      optionLabelProp="title"
      loading={result.isFetching}
      notFoundContent={q ? (result.isFetching ? '正在查找…' : '没有找到可以接收党员的党支部') : '请输入名称或编码'}
      onChange={(v: string | null | undefined) => {
        onChange?.(v ?? null);
        onPicked?.(v ? (names.current.get(v) ?? null) : null);
      }}
      allowClear
    />
  );
}
