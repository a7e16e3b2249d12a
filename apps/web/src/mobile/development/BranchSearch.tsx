import { useRef, useState } from 'react';
import { DotLoading, SearchBar } from 'antd-mobile';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '@/lib/use-debounced';
import { m } from '@/features/transfer/components/mobile/styles';
import { devH5Keys, searchBranches } from './api';

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
}

/**
 * Find the 党支部 to apply to by name (细则 第六条: the organisation of one's work or study unit, or of one's
 * residence): results as big buttons with the two levels above, the chosen one stays shown.
 */
export function BranchSearch({ value, onChange }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 400);
  const result = useQuery({ queryKey: devH5Keys.branches(q), queryFn: () => searchBranches(q), enabled: q.length > 0, placeholderData: keepPreviousData, retry: false });
  const names = useRef(new Map<string, string>());
  const found = (q ? (result.data ?? []) : []).slice(0, 8);
  for (const o of found) names.current.set(o.id, `${o.name}（${o.ancestors.slice(-2).join(' / ')}）`);

  if (value) {
    return (
      <div style={{ ...m.choice, ...m.choiceOn, boxSizing: 'border-box' }} data-testid="picked-branch">
        {names.current.get(value) ?? '已选择'}
        <button type="button" style={{ ...m.chip, display: 'block', marginTop: 8 }} onClick={() => onChange?.(null)}>
          重新选择
        </button>
      </div>
    );
  }
  return (
    <div>
      <SearchBar
        placeholder="输入社区、单位或党支部名称"
        value={text}
        onChange={setText}
        style={{ '--height': '48px', fontSize: 18 } as React.CSSProperties}
        aria-label="查找党支部"
        data-testid="branch-search"
      />
      {result.isFetching && (
        <div style={{ ...m.small, padding: 8 }}>
          正在查找<DotLoading />
        </div>
      )}
      {q && !result.isFetching && found.length === 0 && <div style={{ ...m.small, padding: 8 }}>没有找到。请换个说法，或只输入社区、单位的名字。</div>}
      {found.map((o) => (
        <button key={o.id} type="button" style={m.choice} onClick={() => onChange?.(o.id)} data-testid="branch-option">
          {o.name}
          <span style={m.small}>{o.ancestors.slice(-2).join(' / ')}</span>
        </button>
      ))}
    </div>
  );
}
