import { useRef, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '@/lib/use-debounced';
import { listMembers, memberKeys } from '../../member/api';

interface Props {
  /** Members of this org's subtree; the caller's whole scope when absent. */
  orgId?: string | undefined;
  value?: string | string[] | undefined;
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  placeholder?: string;
  ariaLabel: string;
  exclude?: readonly string[];
  style?: React.CSSProperties;
}

/** In-register members found by name as the user types (GET /api/members?state=active&q=). */
export function MemberSelect({ orgId, value, onChange, multiple = false, placeholder = '输入姓名查找党员', ariaLabel, exclude = [], style }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const query = { orgId, state: 'active' as const, q: q || undefined, page: 1, pageSize: 50 };
  const list = useQuery({ queryKey: memberKeys.list(query), queryFn: () => listMembers(query), placeholderData: keepPreviousData });
  // Names of members seen in earlier answers, so a picked member keeps its name after a new search.
  const seen = useRef(new Map<string, string>());
  const found = (list.data?.items ?? []).filter((m) => !exclude.includes(m.id)).map((m) => ({ value: m.id, label: orgId ? m.name : `${m.name}（${m.orgName}）` }));
  for (const o of found) seen.current.set(o.value, o.label);
  const picked = (Array.isArray(value) ? value : value ? [value] : []).filter((id) => !found.some((o) => o.value === id));
  const options = [...picked.map((id) => ({ value: id, label: seen.current.get(id) ?? id })), ...found];
  return (
    <Select
      aria-label={ariaLabel}
      mode={multiple ? 'multiple' : undefined}
      style={{ width: '100%', ...style }}
      placeholder={placeholder}
      value={value}
      onChange={(v: string | string[]) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: true }}
      notFoundContent={list.isFetching ? '正在查找…' : '没有找到匹配的党员'}
    />
  );
}
