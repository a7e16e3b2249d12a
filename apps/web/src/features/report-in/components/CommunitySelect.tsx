import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '@/lib/use-debounced';
import { listCommunities, reportInKeys } from '../api';

interface Props {
  value?: string | null | undefined;
  onChange?: (id: string) => void;
  /** The communities the caller maintains (the community screens) instead of all (the unit registering a member). */
  mine: boolean;
  /** Pick the first one when nothing is picked yet. */
  autoPick?: boolean;
  width?: number | string;
  id?: string;
}

/** Picks a residence community by name or 统一编码 (GET /api/report-in/communities). */
export function CommunitySelect({ value, onChange, mine, autoPick = false, width = 360, id }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const list = useQuery({ queryKey: reportInKeys.communities(q, mine), queryFn: () => listCommunities(q, mine), placeholderData: keepPreviousData, staleTime: 60_000 });
  useEffect(() => {
    const first = list.data?.[0];
    if (autoPick && !value && first) onChange?.(first.id);
    // Only when the list arrives: a later pick is the user's.
  }, [list.data]);
  return (
    <Select
      id={id}
      aria-label="选择社区"
      data-testid="report-in-community"
      style={{ width }}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: false }}
      placeholder="输入社区名称或编码查找"
      value={value ?? undefined}
      loading={list.isFetching}
      options={(list.data ?? []).map((c) => ({ value: c.id, label: c.parentName ? `${c.name}（${c.parentName.replace(/^中共/, '')}）` : c.name }))}
      onChange={(v: string) => onChange?.(v)}
      notFoundContent={list.isFetching ? '正在查找…' : '没有找到社区'}
    />
  );
}
