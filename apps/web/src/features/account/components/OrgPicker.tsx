import { useState } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '@/lib/use-debounced';
import { orgKeys, searchOrgDirectory } from '../../org/api';

/** Picks an organisation through the directory search (GET /api/orgs/directory). */
export function OrgPicker({ value, onChange, id }: { value?: string | null; onChange?: (id: string | null) => void; id?: string }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const result = useQuery({ queryKey: orgKeys.directory(q), queryFn: () => searchOrgDirectory(q, 1, 20), enabled: q.length > 0, placeholderData: keepPreviousData });
  const options = (q ? (result.data?.items ?? []) : [])
    .filter((o) => !o.dissolved)
    .map((o) => ({
      value: o.id,
      title: o.name,
      label: (
        <div style={{ lineHeight: 1.4 }}>
          <div>{o.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
            {o.ancestors.join(' / ') || '—'}
          </Typography.Text>
        </div>
      ),
    }));
  return (
    <Select
      id={id}
      aria-label="选择党组织"
      placeholder="输入名称或编码搜索党组织"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: false }}
      value={value ?? null}
      options={options}
      optionLabelProp="title"
      loading={result.isFetching}
      notFoundContent={q ? (result.isFetching ? '正在搜索…' : '没有找到匹配的党组织') : '请输入名称或编码'}
      onChange={(v: string | null) => onChange?.(v)}
    />
  );
}
