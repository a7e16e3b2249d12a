import { useRef, useState } from 'react';
import { DotLoading, SearchBar } from 'antd-mobile';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError } from '@/lib/http';
import { useDebounced } from '@/lib/use-debounced';
import { searchTransferTargets, transferKeys } from '../../api';
import { m } from './styles';

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
}

/**
 * Find the receiving 党支部 on the platform by name: results as big buttons, the picked one stays shown.
 * Uses the transfer targets (open to the member themself); an account that may not search is told whom to ask.
 */
export function MobileOrgSearch({ value, onChange }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 400);
  const result = useQuery({ queryKey: transferKeys.targets(q), queryFn: () => searchTransferTargets(q), enabled: q.length > 0, placeholderData: keepPreviousData, retry: false });
  const names = useRef(new Map<string, string>());
  const found = (q ? (result.data ?? []) : []).slice(0, 8);
  for (const o of found) names.current.set(o.id, o.name);

  if (result.error instanceof ApiError && result.error.status === 403) {
    return (
      <div style={m.gentle} role="alert" data-testid="directory-closed">
        手机上暂时不能查找本平台的党组织。要转入本平台内的党支部，请联系所在党支部的书记或组织委员代为发起。
      </div>
    );
  }
  if (value) {
    return (
      <div style={{ ...m.choice, ...m.choiceOn }} data-testid="picked-org">
        {names.current.get(value) ?? '已选择'}
        <button type="button" style={{ ...m.chip, display: 'block', marginTop: 8 }} onClick={() => onChange?.(null)}>
          重新选择
        </button>
      </div>
    );
  }
  return (
    <div>
      <SearchBar placeholder="输入党支部名称，如：和平社区" value={text} onChange={setText} style={{ '--height': '48px', fontSize: 18 } as React.CSSProperties} aria-label="查找转入党支部" />
      {result.isFetching && (
        <div style={{ ...m.small, padding: 8 }}>
          正在查找<DotLoading />
        </div>
      )}
      {q && !result.isFetching && found.length === 0 && <div style={{ ...m.small, padding: 8 }}>没有找到。请换个说法，或只输入社区、单位的名字。</div>}
      {found.map((o) => (
        <button key={o.id} type="button" style={m.choice} onClick={() => onChange?.(o.id)} data-testid="org-option">
          {o.name}
          <span style={m.small}>{o.ancestors.slice(-2).join(' / ')}</span>
        </button>
      ))}
    </div>
  );
}
