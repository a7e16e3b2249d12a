import { useState } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { useDebounced } from '@/lib/use-debounced';
import { getOrg, getOrgTree, orgKeys } from '../../org/api';
import { listMembers, memberKeys } from '../../member/api';

interface MemberPickerProps {
  /** The case's branch: mentors and sponsors are its full members. */
  orgId: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  id?: string;
  testId?: string;
}

/**
 * Full, active members of the branch (培养联系人 1–2, 入党介绍人 2). Whether one is under 留党察看 or in a
 * disciplinary period is the server's check; its refusal is shown under this field.
 */
export function MemberIdsPicker({ orgId, value, onChange, max, id, testId }: MemberPickerProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const query = { orgId, q: q || undefined, status: 'full' as const, state: 'active' as const, page: 1, pageSize: 50 };
  const result = useQuery({ queryKey: memberKeys.list(query), queryFn: () => listMembers(query), placeholderData: keepPreviousData });
  const [names, setNames] = useState<Record<string, string>>({});
  const options = (result.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  return (
    <Select
      id={id}
      data-testid={testId}
      mode="multiple"
      maxCount={max}
      placeholder="输入姓名搜索本支部正式党员"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value ?? []}
      options={[...options, ...(value ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: names[v] ?? v.slice(0, 8) }))]}
      loading={result.isFetching}
      notFoundContent={result.isFetching ? '正在搜索…' : '没有找到正式党员'}
      onChange={(ids: string[]) => {
        setNames((prev) => ({ ...prev, ...Object.fromEntries(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        setText('');
        onChange?.(ids);
      }}
    />
  );
}

/**
 * The higher committees of the case's branch (备案、同意、预审 go to one of them), nearest first. Whether it
 * holds the power to approve members is the server's check.
 */
export function CommitteeSelect({ orgId, value, onChange, id, testId }: { orgId: string; value?: string; onChange?: (id: string) => void; id?: string; testId?: string }) {
  const org = useQuery({ queryKey: orgKeys.view(orgId), queryFn: () => getOrg(orgId) });
  const options = [...(org.data?.ancestors ?? [])]
    .reverse()
    .map((a) => ({ value: a.id, label: a.name, kind: a.kind }))
    .filter((a) => a.kind !== 'group');
  return (
    <Select
      id={id}
      data-testid={testId}
      placeholder="选择上级党委"
      value={value}
      loading={org.isFetching}
      onChange={(v: string) => onChange?.(v)}
      options={options.map((o) => ({
        value: o.value,
        label: (
          <span>
            {o.label}
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {orgKindLabels[o.kind]}
            </Typography.Text>
          </span>
        ),
        title: o.label,
      }))}
    />
  );
}

/** The 党小组 of the case's branch (编入党小组); none is a valid answer when the branch has no groups. */
export function GroupSelect({ orgId, value, onChange, id }: { orgId: string; value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const tree = useQuery({ queryKey: [...orgKeys.tree(orgId), 'depth', 1], queryFn: () => getOrgTree({ rootId: orgId, depth: 1 }) });
  const groups = (tree.data?.[0]?.children ?? []).filter((c) => c.kind === 'group' && !c.dissolved);
  return (
    <Select
      id={id}
      allowClear
      placeholder={groups.length ? '选择党小组' : '本支部未设党小组'}
      value={value}
      loading={tree.isFetching}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={groups.map((g) => ({ value: g.id, label: g.name }))}
    />
  );
}
